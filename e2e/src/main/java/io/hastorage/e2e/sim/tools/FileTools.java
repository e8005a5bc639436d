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

/**
 * File tools: the read-only {@code cat [--] [FILE...]} and {@code sha256sum [--] FILE...}, and, in
 * the operator's forms only, {@code mv -f -- SRC DST}, {@code cp -p -- SRC DST} and {@code rm -f --
 * FILE...} on regular files (GNU coreutils' messages and exit codes; directories and /proc or /sys
 * files are not modelled).
 */
final class FileTools {

  private FileTools() {}

  static void registerAll(SimulatedTools tools) {
    tools.register("cat", SimulatedTool.readOnly(FileTools::cat));
    tools.register("sha256sum", SimulatedTool.readOnly(FileTools::sha256sum));
    tools.register("mv", FileTools::mv);
    tools.register("cp", FileTools::cp);
    tools.register("rm", FileTools::rm);
    tools.register("ls", SimulatedTool.readOnly(FileTools::ls));
  }

  /** {@code ls -1 -- DIR}: the names directly under DIR, sorted, as GNU ls prints them. */
  private static ExecOutcome ls(List<String> argv, ToolContext context) {
    if (argv.size() != 4 || !argv.get(1).equals("-1") || !argv.get(2).equals("--")) {
      throw new UnsupportedFeatureException("ls other than 'ls -1 -- DIR': " + argv);
    }
    String dir = absolute(argv, argv.get(3));
    String prefix = dir.endsWith("/") ? dir : dir + "/";
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    for (String path : context.node().files().all().keySet()) {
      if (path.startsWith(prefix)) {
        names.add(path.substring(prefix.length()).split("/", 2)[0]);
      }
    }
    if (names.isEmpty()) {
      return ExecOutcome.failure(
          2, "ls: cannot access " + quote(dir) + ": No such file or directory\n");
    }
    return ExecOutcome.ok(String.join("\n", names) + "\n");
  }

  /** Renames a regular file (content and mode kept), replacing DST; SRC must exist. */
  private static ExecOutcome mv(List<String> argv, ToolContext context) {
    if (argv.size() != 5 || !argv.get(1).equals("-f") || !argv.get(2).equals("--")) {
      throw new UnsupportedFeatureException("mv other than 'mv -f -- SRC DST': " + argv);
    }
    String source = regularFilePath(argv, argv.get(3), context);
    String target = regularFilePath(argv, argv.get(4), context);
    if (context.node().files().get(source).isEmpty()) {
      return ExecOutcome.failure(
          1, "mv: cannot stat " + quote(source) + ": No such file or directory\n");
    }
    if (source.equals(target)) {
      return ExecOutcome.failure(
          1, "mv: " + quote(source) + " and " + quote(target) + " are the same file\n");
    }
    context.node().files().move(source, target);
    return ExecOutcome.ok("");
  }

  /** Copies a regular file with its mode ({@code -p}), replacing DST; SRC must exist. */
  private static ExecOutcome cp(List<String> argv, ToolContext context) {
    if (argv.size() != 5 || !argv.get(1).equals("-p") || !argv.get(2).equals("--")) {
      throw new UnsupportedFeatureException("cp other than 'cp -p -- SRC DST': " + argv);
    }
    String source = regularFilePath(argv, argv.get(3), context);
    String target = regularFilePath(argv, argv.get(4), context);
    Optional<io.hastorage.e2e.sim.SimulatedFile> file = context.node().files().get(source);
    if (file.isEmpty()) {
      return ExecOutcome.failure(
          1, "cp: cannot stat " + quote(source) + ": No such file or directory\n");
    }
    if (source.equals(target)) {
      return ExecOutcome.failure(
          1, "cp: " + quote(source) + " and " + quote(target) + " are the same file\n");
    }
    context.node().files().put(target, file.get());
    return ExecOutcome.ok("");
  }

  /** Removes regular files; with -f a missing one is no error. */
  private static ExecOutcome rm(List<String> argv, ToolContext context) {
    if (argv.size() < 4 || !argv.get(1).equals("-f") || !argv.get(2).equals("--")) {
      throw new UnsupportedFeatureException("rm other than 'rm -f -- FILE...': " + argv);
    }
    StringBuilder err = new StringBuilder();
    for (String operand : argv.subList(3, argv.size())) {
      String path = absolute(argv, operand);
      if (context.node().files().isDirectory(path)) {
        err.append("rm: cannot remove ").append(quote(path)).append(": Is a directory\n");
      } else {
        context.node().files().delete(notKernelFile(argv, path, context));
      }
    }
    return ExecOutcome.failure(err.length() == 0 ? 0 : 1, err.toString());
  }

  /** An absolute path that is not a directory nor a /proc or /sys file. */
  private static String regularFilePath(List<String> argv, String path, ToolContext context) {
    if (context.node().files().isDirectory(absolute(argv, path))) {
      throw new UnsupportedFeatureException(argv.get(0) + " of a directory: " + path);
    }
    return notKernelFile(argv, path, context);
  }

  /** /proc and /sys files exist on the node but not in its file table. */
  private static String notKernelFile(List<String> argv, String path, ToolContext context) {
    if (context.node().fileExists(path) && context.node().files().get(path).isEmpty()) {
      throw new UnsupportedFeatureException(argv.get(0) + " of a kernel file: " + path);
    }
    return path;
  }

  private static String absolute(List<String> argv, String path) {
    if (!path.startsWith("/")) {
      throw new UnsupportedFeatureException(argv.get(0) + " of a relative path: " + path);
    }
    return path;
  }

  /**
   * A file name as coreutils quotes it in messages (quoteaf, shell-escape-always): in single
   * quotes; in double quotes when it holds a single quote but nothing double quotes would expand;
   * else single quotes with each ' spelled '\''.
   */
  static String quote(String name) {
    if (name.indexOf('\'') < 0) {
      return "'" + name + "'";
    }
    if (name.chars().noneMatch(c -> "\"$`\\".indexOf(c) >= 0)) {
      return "\"" + name + "\"";
    }
    return "'" + name.replace("'", "'\\''") + "'";
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
