package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Optional;

/**
 * Read-only probes of the initiator's block devices (multipath maps and their sd paths), in the
 * formats and exit codes util-linux 2.38 gives (measured): {@code blkid -p -o export [--] DEV}
 * (blank or absent: exit 2, no output), {@code wipefs --no-act --parsable [--] DEV} (absent: exit
 * 1, "probing initialization failed") and {@code blockdev --getsize64 DEV}.
 */
final class BlockTools {

  private static final List<String> BLKID = List.of("blkid", "-p", "-o", "export");
  private static final List<String> WIPEFS = List.of("wipefs", "--no-act", "--parsable");

  private final SimulatedSan san;

  BlockTools(SimulatedSan san) {
    this.san = san;
  }

  ExecOutcome blkid(List<String> argv, ToolContext context) {
    String device = operand(argv, BLKID);
    Optional<List<DiskSignature>> found = signatures(device, context);
    if (found.isEmpty() || found.get().isEmpty()) {
      return ExecOutcome.of(2, "", "");
    }
    DiskSignature s =
        found.get().stream().filter(DiskSignature::raid).findFirst().orElse(found.get().get(0));
    StringBuilder out = new StringBuilder("DEVNAME=").append(device).append('\n');
    s.label().ifPresent(l -> out.append("LABEL=").append(escape(l)).append('\n'));
    s.uuid().ifPresent(u -> out.append("UUID=").append(escape(u)).append('\n'));
    out.append("VERSION=").append(escape(s.version())).append('\n');
    if (s.blockSize() > 0) {
      out.append("BLOCK_SIZE=").append(s.blockSize()).append('\n');
    }
    out.append("TYPE=").append(s.type()).append("\nUSAGE=").append(s.usage()).append('\n');
    return ExecOutcome.ok(out.toString());
  }

  ExecOutcome wipefs(List<String> argv, ToolContext context) {
    String device = operand(argv, WIPEFS);
    Optional<List<DiskSignature>> found = signatures(device, context);
    if (found.isEmpty()) {
      return ExecOutcome.failure(
          1,
          "wipefs: error: "
              + device
              + ": probing initialization failed: No such file or directory\n");
    }
    StringBuilder out = new StringBuilder();
    for (DiskSignature s : found.get()) {
      out.append(
          String.format(
              "0x%x,%s,%s,%s\n", s.offset(), s.uuid().orElse(""), s.label().orElse(""), s.type()));
    }
    return ExecOutcome.ok(out.toString());
  }

  ExecOutcome blockdev(List<String> argv, ToolContext context) {
    if (argv.size() != 3 || !argv.get(1).equals("--getsize64")) {
      throw new UnsupportedFeatureException("blockdev other than --getsize64 DEV: " + argv);
    }
    String device = argv.get(2);
    return san.on(
        context.node(),
        view ->
            view.device(device)
                .map(d -> ExecOutcome.ok(d.sizeBytes() + "\n"))
                .orElseGet(
                    () ->
                        ExecOutcome.failure(
                            1,
                            "blockdev: cannot open " + device + ": No such file or directory\n")));
  }

  /** What is written on the device's LUN; empty when the device does not exist here. */
  private Optional<List<DiskSignature>> signatures(String device, ToolContext context) {
    return san.on(
        context.node(), view -> view.device(device).map(d -> view.disk(d.lun()).signatures()));
  }

  private static String operand(List<String> argv, List<String> form) {
    int n = form.size();
    boolean plain = argv.size() == n + 1 && argv.subList(0, n).equals(form);
    boolean dashed =
        argv.size() == n + 2 && argv.subList(0, n).equals(form) && argv.get(n).equals("--");
    if (!plain && !dashed) {
      throw new UnsupportedFeatureException(String.join(" ", argv));
    }
    return argv.get(argv.size() - 1);
  }

  /** blkid -o export escapes spaces and shell specials with a backslash. */
  private static String escape(String value) {
    return value.replaceAll("([ \\\\\"'`$!&;|<>()])", "\\\\$1");
  }
}
