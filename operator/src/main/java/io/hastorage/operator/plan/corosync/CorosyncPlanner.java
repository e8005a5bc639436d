package io.hastorage.operator.plan.corosync;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Brings one target node's Corosync files to the desired state. Pure: config, key and facts in,
 * steps out; a converged node gets no steps.
 *
 * <ol>
 *   <li>Write the authkey (mode 0400) when its hash differs. It comes first so that a config
 *       turning crypto on never names a key that is not there yet.
 *   <li>Write corosync.conf (0644) when its hash differs.
 *   <li>If corosync.conf was written and corosync is running, {@code corosync-cfgtool -R}. This
 *       asks every running member to re-read its own corosync.conf, so running it on each node
 *       after that node's write is idempotent; the pair converges once both are written. It exits
 *       non-zero when corosync reports a reload error, which fails the step.
 * </ol>
 *
 * <p>What a reload cannot do: transport, cluster_name and the addresses of an existing link are
 * fixed while corosync runs (it logs an error and keeps the old values), and this planner does not
 * assume a reload re-reads the key. Those changes, and starting corosync at all, take a coordinated
 * restart that the cluster-level integrator owns; this planner only writes the files.
 */
public final class CorosyncPlanner {

  public static final String CONF_PATH = "/etc/corosync/corosync.conf";
  public static final String AUTHKEY_PATH = "/etc/corosync/authkey";
  public static final String CONF_MODE = "0644";
  public static final String AUTHKEY_MODE = "0400";

  private CorosyncPlanner() {}

  /** What the probe must report for {@link CorosyncFacts#from}. */
  public static ProbeRequest probeRequest() {
    return new ProbeRequest(
        Set.of(), Set.of(CorosyncFacts.SERVICE), Set.of(CONF_PATH, AUTHKEY_PATH));
  }

  /**
   * The steps for {@code node}, in order.
   *
   * @param node a node of {@code config}'s nodelist; a config that does not list the node it is
   *     written to stops Corosync from starting there, so anything else is refused
   * @param authkey the cluster's shared key, the same bytes for every node
   * @throws IllegalArgumentException when the node is not in the nodelist or the key is a size
   *     Corosync would refuse
   */
  public static List<Step> plan(
      String node, CorosyncConfig config, byte[] authkey, CorosyncFacts facts) {
    Objects.requireNonNull(facts, "facts");
    if (!config.hasNode(node)) {
      throw new IllegalArgumentException(
          "node " + node + " is not in the Corosync nodelist of " + config.clusterName());
    }
    Authkey.requireUsable(authkey);
    List<Step> steps = new ArrayList<>();
    if (differs(facts.authkeySha256(), Authkey.sha256Hex(authkey))) {
      steps.add(writeAuthkey(node, authkey));
    }
    String conf = CorosyncConfRenderer.render(config);
    if (differs(facts.confSha256(), ManagedFiles.sha256(conf))) {
      steps.add(writeConf(node, config, conf));
      if (facts.corosyncRunning()) {
        steps.add(reload(node));
      }
    }
    return steps;
  }

  /** A missing file differs from any content. */
  private static boolean differs(Optional<String> actualSha256, String wantedSha256) {
    return actualSha256.filter(wantedSha256::equals).isEmpty();
  }

  private static Step writeAuthkey(String node, byte[] authkey) {
    FileWrite file = new FileWrite(AUTHKEY_PATH, SensitiveBytes.secret(authkey), AUTHKEY_MODE);
    return Step.of(node, "write the Corosync authkey " + AUTHKEY_PATH, new Action.WriteFile(file));
  }

  private static Step writeConf(String node, CorosyncConfig config, String conf) {
    FileWrite file = new FileWrite(CONF_PATH, SensitiveBytes.plain(conf), CONF_MODE);
    String what =
        String.format(
            "write %s (cluster %s, %d nodes, %d links)",
            CONF_PATH, config.clusterName(), config.nodes().size(), config.linkCount());
    return Step.of(node, what, new Action.WriteFile(file));
  }

  private static Step reload(String node) {
    return Step.of(
        node,
        "reload corosync.conf on the running cluster",
        new Action.RunCommand(Command.of("corosync-cfgtool", "-R")));
  }
}
