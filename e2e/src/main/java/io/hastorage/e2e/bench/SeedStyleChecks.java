package io.hastorage.e2e.bench;

import io.hastorage.operator.node.Command;
import java.util.ArrayList;
import java.util.List;

/**
 * The steady-state check done the way the seed runbook does it by hand: every read-only check of
 * the operator's batched probes run as its own {@code ssh host 'command'} (a new connection each,
 * as a shell script looping over checks does). The checks are taken from the probes the operator
 * really sent, so both sides look at exactly the same things.
 */
public final class SeedStyleChecks {

  private static final String ITEM_START = "; ";
  private static final String ITEM_END = "; printf '\\n@@";

  private SeedStyleChecks() {}

  /** The shell command of each item in a probe ({@code sh -c SCRIPT}); empty for other commands. */
  public static List<String> items(Command probe) {
    List<String> argv = probe.argv();
    if (argv.size() != 3 || !argv.get(0).equals("sh") || !argv.get(2).startsWith("exec 2>")) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String line : argv.get(2).split("\n")) {
      int start = line.indexOf(ITEM_START);
      int end = line.indexOf(ITEM_END);
      if (line.startsWith("printf '@@") && start > 0 && end > start) {
        items.add(line.substring(start + ITEM_START.length(), end));
      }
    }
    return items;
  }

  /** Runs each check over a new OpenSSH connection; returns the milliseconds of the whole loop. */
  public static double run(SshTarget target, List<String> checks) throws Exception {
    long start = System.nanoTime();
    for (String check : checks) {
      List<String> argv = new ArrayList<>(ExecLatency.sshArgv(target));
      argv.add("root@" + target.host());
      argv.add(check);
      Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      process.waitFor(); // a check may fail (e.g. "no sessions"): a script goes on too
    }
    return (System.nanoTime() - start) / 1e6;
  }
}
