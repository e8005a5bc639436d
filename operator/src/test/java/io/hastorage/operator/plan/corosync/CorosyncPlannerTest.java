package io.hastorage.operator.plan.corosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeOutput;
import io.hastorage.operator.observe.ServiceState;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.testing.FactsBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorosyncPlannerTest {

  private static final String NODE = "centos01";

  /** A recognisable, printable key, so a leak into any text would be easy to spot. */
  private static byte[] key() {
    byte[] key = new byte[Authkey.SIZE];
    Arrays.fill(key, (byte) 'K');
    System.arraycopy("SECRET-MARKER".getBytes(StandardCharsets.US_ASCII), 0, key, 0, 13);
    return key;
  }

  private static CorosyncConfig config() {
    return CorosyncConfRendererTest.seed();
  }

  private static String confHash() {
    return ManagedFiles.sha256(CorosyncConfRenderer.render(config()));
  }

  private static List<Step> plan(Optional<String> conf, Optional<String> key, boolean running) {
    return CorosyncPlanner.plan(NODE, config(), key(), new CorosyncFacts(conf, key, running));
  }

  @Test
  void aConvergedNodeYieldsAnEmptyPlan() {
    Optional<String> keyHash = Optional.of(Authkey.sha256Hex(key()));

    assertThat(plan(Optional.of(confHash()), keyHash, true)).isEmpty();
    assertThat(plan(Optional.of(confHash()), keyHash, false)).isEmpty();
  }

  @Test
  void aChangedConfOnARunningNodeIsWrittenThenReloaded() {
    List<Step> steps =
        plan(Optional.of("0".repeat(64)), Optional.of(Authkey.sha256Hex(key())), true);

    assertThat(steps).extracting(Step::node).containsOnly(NODE);
    assertThat(steps)
        .extracting(Step::description)
        .containsExactly(
            "write /etc/corosync/corosync.conf (cluster vg1, 2 nodes, 2 links)",
            "reload corosync.conf on the running cluster");
    FileWrite conf = ((Action.WriteFile) steps.get(0).action()).file();
    assertThat(conf.path()).isEqualTo(CorosyncPlanner.CONF_PATH);
    assertThat(conf.mode()).isEqualTo("0644");
    assertThat(new String(conf.content().bytes(), StandardCharsets.UTF_8))
        .isEqualTo(CorosyncConfRenderer.render(config()));
    assertThat(((Action.RunCommand) steps.get(1).action()).command().argv())
        .containsExactly("corosync-cfgtool", "-R");
  }

  @Test
  void aStoppedNodeGetsTheFilesButNoReload() {
    List<Step> steps = plan(Optional.empty(), Optional.empty(), false);

    assertThat(steps).allMatch(s -> s.action() instanceof Action.WriteFile);
    assertThat(steps)
        .extracting(s -> ((Action.WriteFile) s.action()).file().path())
        .containsExactly(CorosyncPlanner.AUTHKEY_PATH, CorosyncPlanner.CONF_PATH);
  }

  @Test
  void onlyTheKeyChangedMeansNoReload() {
    List<Step> steps = plan(Optional.of(confHash()), Optional.of("0".repeat(64)), true);

    assertThat(steps)
        .extracting(Step::description)
        .containsExactly("write the Corosync authkey /etc/corosync/authkey");
  }

  @Test
  void theAuthkeyIsWrittenReadOnlyAsASecretThatNeverShows() {
    Step step = plan(Optional.of(confHash()), Optional.empty(), true).get(0);
    FileWrite file = ((Action.WriteFile) step.action()).file();

    assertThat(file.path()).isEqualTo("/etc/corosync/authkey");
    assertThat(file.mode()).isEqualTo("0400");
    assertThat(file.content().isSecret()).isTrue();
    assertThat(file.content().bytes()).isEqualTo(key());
    for (String shown : List.of(step.toString(), step.action().describe(), step.description())) {
      assertThat(shown)
          .doesNotContain("SECRET-MARKER")
          .doesNotContain("KKKK")
          .doesNotContain(HexFormat.of().formatHex(key()).substring(0, 16));
    }
    assertThat(step.action().describe()).contains("redacted");
  }

  @Test
  void aNodeOutsideTheNodelistIsRefused() {
    CorosyncFacts facts = new CorosyncFacts(Optional.empty(), Optional.empty(), false);

    assertThatThrownBy(() -> CorosyncPlanner.plan("drbd01", config(), key(), facts))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node drbd01 is not in the Corosync nodelist of vg1");
  }

  @Test
  void aKeyCorosyncWouldRefuseIsRefusedWithoutShowingIt() {
    CorosyncFacts facts = new CorosyncFacts(Optional.empty(), Optional.empty(), false);
    byte[] shortKey = Arrays.copyOf(key(), 64);

    assertThatThrownBy(() -> CorosyncPlanner.plan(NODE, config(), shortKey, facts))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("authkey must be 128 to 4096 bytes, got 64");
  }

  @Test
  void factsComeFromTheProbesFileHashesAndServiceState() {
    ServiceState active = new ServiceState("corosync.service", "loaded", "active", "enabled");
    NodeFacts facts =
        new NodeFacts(
            NODE,
            NODE,
            "6.1.0",
            FactsBuilder.DEBIAN_12,
            Map.of(),
            Map.of(),
            Set.of(),
            Map.of("corosync", active),
            Map.of(CorosyncPlanner.CONF_PATH, confHash()),
            Map.of(),
            ProbeOutput.parse("", "x"));

    assertThat(CorosyncFacts.from(facts))
        .isEqualTo(new CorosyncFacts(Optional.of(confHash()), Optional.empty(), true));
    assertThat(CorosyncFacts.from(new FactsBuilder(NODE).build()).corosyncRunning()).isFalse();
    assertThat(CorosyncPlanner.probeRequest().files())
        .containsExactly(CorosyncPlanner.AUTHKEY_PATH, CorosyncPlanner.CONF_PATH);
    assertThat(CorosyncPlanner.probeRequest().services()).containsExactly("corosync");
  }
}
