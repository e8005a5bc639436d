package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.SimulatedTools;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Read-only file tools: {@code cat [--] [FILE...]} and {@code sha256sum [--] FILE...}. */
final class FileTools {

  private FileTools() {}

  static void registerAll(SimulatedTools tools) {
    tools.register("cat", SimulatedTool.readOnly(FileTools::cat));
    tools.register("sha256sum", SimulatedTool.readOnly(FileTools::sha256sum));
  }

  private static ExecOutcome cat(List<String> argv, ToolContext context) {
    List<String> files = operands(argv);
    if (files.isEmpty()) {
      return ExecOutcome.ok(context.stdin().readAll());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder err = new StringBuilder();
    for (String path : files) {
      Optional<byte[]> content = context.node().readFile(path);
      if (content.isPresent()) {
        out.writeBytes(content.get());
      } else {
        err.append("cat: ").append(path).append(": No such file or directory\n");
      }
    }
    return new ExecOutcome(
        err.length() == 0 ? 0 : 1,
        out.toByteArray(),
        err.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static ExecOutcome sha256sum(List<String> argv, ToolContext context) {
    List<String> files = operands(argv);
    if (files.isEmpty()) {
      throw new UnsupportedFeatureException("sha256sum of stdin");
    }
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    for (String path : files) {
      Optional<byte[]> content = context.node().readFile(path);
      if (content.isPresent()) {
        out.append(checksumLine(content.get(), path));
      } else {
        err.append("sha256sum: ").append(path).append(": No such file or directory\n");
      }
    }
    return ExecOutcome.of(err.length() == 0 ? 0 : 1, out.toString(), err.toString());
  }

  /** GNU format: two spaces; names with a backslash or newline are escaped behind a leading \. */
  private static String checksumLine(byte[] content, String path) {
    String hash = HexFormat.of().formatHex(sha256(content));
    if (path.indexOf('\\') < 0 && path.indexOf('\n') < 0) {
      return hash + "  " + path + "\n";
    }
    return "\\" + hash + "  " + path.replace("\\", "\\\\").replace("\n", "\\n") + "\n";
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }

  /** Operands after an optional {@code --}; any option is unsupported. */
  static List<String> operands(List<String> argv) {
    int start = 1;
    if (argv.size() > 1 && argv.get(1).equals("--")) {
      return argv.subList(2, argv.size());
    }
    for (String arg : argv.subList(start, argv.size())) {
      if (arg.startsWith("-") && arg.length() > 1) {
        throw new UnsupportedFeatureException(argv.get(0) + " option '" + arg + "'");
      }
    }
    return argv.subList(start, argv.size());
  }
}
