package io.hastorage.operator.plan.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.testing.Captured;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DrbdResourceRendererTest {

  static String golden(DrbdSyntax syntax) {
    return Captured.read("../golden/drbd/vg1-" + (syntax == DrbdSyntax.V84 ? "84" : "9") + ".res");
  }

  @ParameterizedTest
  @EnumSource(DrbdSyntax.class)
  void theSeedRendersExactlyAsTheGoldenFile(DrbdSyntax syntax) {
    assertThat(DrbdResourceRenderer.render(DrbdFixtures.seed(), syntax)).isEqualTo(golden(syntax));
  }

  @ParameterizedTest
  @EnumSource(DrbdSyntax.class)
  void startsWithTheManagedHeaderAndIsDeterministic(DrbdSyntax syntax) {
    String first = DrbdResourceRenderer.render(DrbdFixtures.seed(), syntax);

    assertThat(first).startsWith(ManagedFiles.header("#"));
    assertThat(DrbdResourceRenderer.render(DrbdFixtures.seed(), syntax)).isEqualTo(first);
  }

  @ParameterizedTest
  @EnumSource(DrbdSyntax.class)
  void neverDiscardsWritesAfterASplitBrainWithAPrimary(DrbdSyntax syntax) {
    String conf = DrbdResourceRenderer.render(DrbdFixtures.seed(), syntax);

    assertThat(conf)
        .contains("after-sb-1pri disconnect;", "after-sb-2pri disconnect;")
        .doesNotContain("discard-secondary", "discard-younger", "discard-older")
        .doesNotContain("discard-least-changes", "discard-local", "discard-remote")
        .doesNotContain("outdate-peer", "drbd-peer-outdater", "discard-my-data")
        .containsOnlyOnce(
            "split-brain \"mkdir -p /var/lib/ha-iscsi-operator/drbd-split-brain && date -u"
                + " +%Y-%m-%dT%H:%M:%SZ > /var/lib/ha-iscsi-operator/drbd-split-brain/vg1\";")
        .containsOnlyOnce("fencing resource-and-stonith;");
  }

  @Test
  void the84FileFencesInDiskAndUnfencesAfterResync() {
    String conf = DrbdResourceRenderer.render(DrbdFixtures.seed(), DrbdSyntax.V84);

    assertThat(conf)
        .contains("  syncer {\n    rate 40M;\n  }\n")
        .contains("  disk {\n    on-io-error detach;\n    fencing resource-and-stonith;\n  }\n")
        .contains("after-resync-target \"/usr/lib/drbd/crm-unfence-peer.sh\";")
        .doesNotContain("node-id", "connection-mesh", "resync-rate", ".9.sh");
  }

  @Test
  void the9FileFencesInNetAndHasNodeIds() {
    String conf = DrbdResourceRenderer.render(DrbdFixtures.seed(), DrbdSyntax.V9);

    assertThat(conf)
        .contains("  net {\n    protocol C;\n    fencing resource-and-stonith;\n")
        .contains("resync-rate 40M;", "c-max-rate 40M;")
        .contains("unfence-peer \"/usr/lib/drbd/crm-unfence-peer.9.sh\";")
        .contains("    node-id 0;\n", "    node-id 1;\n", "hosts centos01 centos02;")
        .doesNotContain("syncer", "after-resync-target");
  }

  @Test
  void anIpv6AddressGetsFamilyAndBrackets() {
    DrbdResourceConfig seed = DrbdFixtures.seed();
    var hosts =
        seed.hosts().stream()
            .map(h -> new DrbdResourceConfig.Host(h.name(), "fd00::" + (h.nodeId() + 1), 7788, 0))
            .toList();
    var config =
        new DrbdResourceConfig(
            seed.name(), "C", seed.volumes(), hosts, seed.tuning(), seed.sharedSecret());

    assertThat(DrbdResourceRenderer.render(config, DrbdSyntax.V9))
        .contains("address ipv6 [fd00::1]:7788;", "address ipv6 [fd00::2]:7788;");
  }

  @Test
  void theFileWriteIsSecretAndPrivate() {
    FileWrite file = DrbdResourceRenderer.fileWrite(DrbdFixtures.seed(), DrbdSyntax.V9);

    assertThat(file.path()).isEqualTo("/etc/drbd.d/vg1.res");
    assertThat(file.mode()).isEqualTo(DrbdResourceRenderer.FILE_MODE).isEqualTo("0600");
    assertThat(file.content().isSecret()).isTrue();
    assertThat(new String(file.content().bytes(), StandardCharsets.UTF_8))
        .isEqualTo(golden(DrbdSyntax.V9));
  }

  @ParameterizedTest
  @EnumSource(DrbdSyntax.class)
  void theSecretNeverAppearsInAStepOrItsAction(DrbdSyntax syntax) {
    FileWrite file = DrbdResourceRenderer.fileWrite(DrbdFixtures.seed(), syntax);
    Action action = new Action.WriteFile(file);
    Step step = Step.of("centos01", "write " + file.path(), action);

    assertThat(new String(file.content().bytes(), StandardCharsets.UTF_8))
        .contains(DrbdFixtures.SECRET);
    assertThat(step.toString()).doesNotContain(DrbdFixtures.SECRET);
    assertThat(action.describe()).doesNotContain(DrbdFixtures.SECRET).contains("redacted");
    assertThat(action.toString()).doesNotContain(DrbdFixtures.SECRET);
    assertThat(file.toString()).doesNotContain(DrbdFixtures.SECRET);
    assertThat(step.action().describe()).doesNotContain(DrbdFixtures.SECRET);
  }
}
