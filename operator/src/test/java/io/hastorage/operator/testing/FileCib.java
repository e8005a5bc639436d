package io.hastorage.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.plan.pacemaker.Cib;
import io.hastorage.operator.plan.pacemaker.CibChange;
import io.hastorage.operator.plan.pacemaker.CibDiff;
import io.hastorage.operator.plan.pacemaker.CibElement;
import io.hastorage.operator.plan.pacemaker.PacemakerCommands;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A two-node file CIB (centos01, centos02, no fencing) driven by the real Pacemaker 2.1.5 tools
 * through {@code CIB_file}, with no cluster. Instance-scoped: one file per test directory. {@link
 * #simulate} also returns what crm_simulate printed, whose transition lists actions in execution
 * order.
 *
 * <p>{@link RealTools#run} closes stdin, while {@code cibadmin --xml-pipe} needs the element on
 * stdin; hence this small runner.
 */
public final class FileCib {

  public static final List<String> TOOLS =
      List.of("cibadmin", "crm_attribute", "crm_verify", "crm_simulate", "crm_mon");

  /** What a finished tool printed. */
  public record Output(int exitCode, String stdout, String stderr) {}

  /** A saved simulation and what crm_simulate printed while making it. */
  public record Simulation(Path cib, String transcript) {}

  private final Path dir;
  private final Path file;

  private FileCib(Path dir) {
    this.dir = dir;
    this.file = dir.resolve("cib.xml");
  }

  /** The Pacemaker tools, through {@link RealPrerequisites}: skip, or fail under CI. */
  public static void requireTools() {
    RealPrerequisites.requireTools("a file CIB (Pacemaker tools)", TOOLS.toArray(String[]::new));
  }

  /** {@code cibadmin --empty}, the two seed nodes in configuration/nodes, stonith-enabled=false. */
  public static FileCib twoNodes(Path dir) throws IOException {
    FileCib cib = new FileCib(dir);
    Files.writeString(cib.file, ok(cib.run(Command.of("cibadmin", "--empty"), Map.of())).stdout());
    for (String node : List.of("1:centos01", "2:centos02")) {
      String[] idAndName = node.split(":");
      String xml = "<node id=\"%s\" uname=\"%s\"/>".formatted(idAndName[0], idAndName[1]);
      ok(cib.runOnCib(Command.of("cibadmin", "--create", "--scope", "nodes", "--xml-pipe"), xml));
    }
    ok(cib.runOnCib(PacemakerCommands.setProperty("stonith-enabled", "false"), ""));
    return cib;
  }

  public Path file() {
    return file;
  }

  public Cib parse() {
    return Cib.parse(ok(runOnCib(PacemakerCommands.queryCib(), "")).stdout());
  }

  /** Diffs against the parsed CIB and runs PacemakerCommands' command for each change. */
  public List<CibChange> push(List<CibElement> desired) {
    List<CibChange> changes = CibDiff.diff(desired, parse());
    for (CibChange change : changes) {
      Output result =
          run(PacemakerCommands.apply(change, false), Map.of("CIB_file", file.toString()));
      assertThat(result.exitCode()).as(change + ": " + result.stderr()).isZero();
    }
    return changes;
  }

  /** Adds an element the operator does not own, as an administrator would. */
  public void createHandMade(String scope, String xml) {
    ok(runOnCib(Command.of("cibadmin", "--create", "--scope", scope, "--xml-pipe"), xml));
  }

  /** {@code crm_verify -V -x FILE}. */
  public Output verify() {
    return run(Command.of("crm_verify", "-V", "-x", file.toString()), Map.of());
  }

  /** {@code crm_simulate -x IN ARGS... -O OUT}. */
  public Simulation simulate(Path in, String out, String... args) {
    List<String> argv = new ArrayList<>(List.of("crm_simulate", "-x", in.toString()));
    argv.addAll(List.of(args));
    argv.addAll(List.of("-O", dir.resolve(out).toString()));
    return new Simulation(dir.resolve(out), ok(run(Command.of(argv), Map.of())).stdout());
  }

  /** What the DRBD agent's crm_master does: the transient attribute master-PRIMITIVE. */
  public void promotionScore(Path cib, String node, String primitive, int score) {
    Command command =
        Command.of(
            "crm_attribute",
            "-N",
            node,
            "-n",
            "master-" + primitive,
            "-v",
            "" + score,
            "-l",
            "reboot");
    ok(run(command, Map.of("CIB_file", cib.toString())));
  }

  /** {@code crm_mon --one-shot --output-as=xml} on a saved simulation. */
  public String status(Path cib) {
    return ok(run(PacemakerCommands.clusterStatus(), Map.of("CIB_file", cib.toString()))).stdout();
  }

  private Output runOnCib(Command command, String stdin) {
    return run(
        Command.of(command.argv()).withStdin(SensitiveBytes.plain(stdin)),
        Map.of("CIB_file", file.toString()));
  }

  private Output run(Command command, Map<String, String> env) {
    return runTool(dir, command, env);
  }

  /**
   * Runs a Pacemaker tool with {@code env} added (e.g. CIB_file), /usr/sbin on the PATH, the
   * command's stdin written and its timeout enforced; output goes through files in {@code dir}.
   */
  public static Output runTool(Path dir, Command command, Map<String, String> env) {
    try {
      Path out = Files.createTempFile(dir, "out", ".txt");
      Path err = Files.createTempFile(dir, "err", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command.argv())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      String path = builder.environment().getOrDefault("PATH", "/usr/bin:/bin");
      builder.environment().put("PATH", path + ":/usr/sbin:/sbin");
      builder.environment().putAll(env);
      Process process = builder.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(command.stdin().bytes());
      }
      if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Output(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static Output ok(Output result) {
    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    return result;
  }
}
