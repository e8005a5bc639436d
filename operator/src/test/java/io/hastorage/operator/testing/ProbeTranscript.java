package io.hastorage.operator.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds probe stdout the way the rendered script prints it, for parser and planner tests. */
public final class ProbeTranscript {

  private final String nonce;
  private final Map<String, String> outputs = new LinkedHashMap<>();
  private final Map<String, Integer> codes = new LinkedHashMap<>();

  public ProbeTranscript(String nonce) {
    this.nonce = nonce;
  }

  public ProbeTranscript section(String name, int exitCode, String output) {
    outputs.put(name, output);
    codes.put(name, exitCode);
    return this;
  }

  public String stdout() {
    StringBuilder out = new StringBuilder();
    outputs.forEach(
        (name, output) ->
            out.append("@@")
                .append(nonce)
                .append(" begin ")
                .append(name)
                .append('\n')
                .append(output)
                .append("\n@@")
                .append(nonce)
                .append(" end ")
                .append(name)
                .append(' ')
                .append(codes.get(name))
                .append('\n'));
    return out.toString();
  }
}
