package io.hastorage.operator.observe;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.node.ShellQuoting;
import java.time.Duration;
import java.util.List;

/**
 * Renders many read-only commands into one {@code sh -c} script, so observing a node costs one SSH
 * exec. Each item's output is framed by marker lines carrying a per-probe random nonce, so no file
 * content or tool output can forge a section boundary. Every item runs whatever the previous one
 * returned; its exit code is recorded in the closing marker.
 *
 * <p>The script is strictly line-oriented: one item per line, of the form {@code printf ...;
 * <argv>; printf ... "$?"}. Stderr is discarded: parsers read stdout only.
 */
public final class ProbeScript {

  private ProbeScript() {}

  public static String render(List<ProbeItem> items, String nonce) {
    StringBuilder script = new StringBuilder("exec 2>/dev/null\n");
    for (ProbeItem item : items) {
      script
          .append("printf '@@")
          .append(nonce)
          .append(" begin %s\\n' ")
          .append(item.name())
          .append("; ")
          .append(ShellQuoting.join(item.argv()))
          .append("; printf '\\n@@")
          .append(nonce)
          .append(" end %s %s\\n' ")
          .append(item.name())
          .append(" \"$?\"\n");
    }
    return script.toString();
  }

  public static Command command(List<ProbeItem> items, String nonce, Duration timeout) {
    return new Command(List.of("sh", "-c", render(items, nonce)), timeout, SensitiveBytes.EMPTY);
  }
}
