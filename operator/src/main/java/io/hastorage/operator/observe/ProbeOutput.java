package io.hastorage.operator.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Splits the probe's stdout back into its sections using the probe's nonce. */
public final class ProbeOutput {

  private final Map<String, ProbeSection> sections;

  private ProbeOutput(Map<String, ProbeSection> sections) {
    this.sections = sections;
  }

  public static ProbeOutput parse(String stdout, String nonce) {
    String begin = "@@" + nonce + " begin ";
    String end = "\n@@" + nonce + " end ";
    Map<String, ProbeSection> sections = new LinkedHashMap<>();
    int at = stdout.indexOf(begin);
    while (at >= 0) {
      int nameEnd = stdout.indexOf('\n', at);
      if (nameEnd < 0) {
        break;
      }
      String name = stdout.substring(at + begin.length(), nameEnd);
      int close = stdout.indexOf(end + name + " ", nameEnd);
      if (close < 0) {
        break; // truncated output: the item never finished
      }
      int lineEnd = stdout.indexOf('\n', close + end.length());
      String codeText =
          stdout.substring(
              close + end.length() + name.length() + 1, lineEnd < 0 ? stdout.length() : lineEnd);
      String output = close >= nameEnd + 1 ? stdout.substring(nameEnd + 1, close) : "";
      sections.put(name, new ProbeSection(name, parseCode(codeText), output));
      at = lineEnd < 0 ? -1 : stdout.indexOf(begin, lineEnd);
    }
    return new ProbeOutput(sections);
  }

  public Optional<ProbeSection> section(String name) {
    return Optional.ofNullable(sections.get(name));
  }

  /** The section's output when the command succeeded, else empty. */
  public Optional<String> okOutput(String name) {
    return section(name).filter(ProbeSection::ok).map(ProbeSection::output);
  }

  public Map<String, ProbeSection> sections() {
    return Map.copyOf(sections);
  }

  private static int parseCode(String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
