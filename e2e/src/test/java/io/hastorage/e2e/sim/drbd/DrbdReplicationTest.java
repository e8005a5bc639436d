package io.hastorage.e2e.sim.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedFile;
import io.hastorage.operator.observe.drbd.DrbdDeviceState;
import io.hastorage.operator.observe.drbd.ProcDrbdParser;
import io.hastorage.operator.observe.drbd.SplitBrainEvidence;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** DRBD between the targets, through their shells, read back with the operator's parsers. */
class DrbdReplicationTest {

  private final DrbdFixture f = new DrbdFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void freshPairConnectsInconsistentAndResyncsAfterAForcedPromotion() {
    f.upOnBoth();
    DrbdDeviceState fresh = f.procDrbd("centos02");
    assertThat(fresh.connectionState()).isEqualTo("Connected");
    assertThat(fresh.localRole() + "/" + fresh.peerRole()).isEqualTo("Secondary/Secondary");
    assertThat(fresh.localDisk() + "/" + fresh.peerDisk()).isEqualTo("Inconsistent/Inconsistent");
    assertThat(fresh.protocol()).contains("C");

    f.ok("centos01", "drbdadm", "primary", "--force", "vg1");
    DrbdDeviceState first = f.procDrbd("centos01");
    assertThat(first.connectionState()).isEqualTo("SyncSource");
    assertThat(first.localDisk() + "/" + first.peerDisk()).isEqualTo("UpToDate/Inconsistent");
    assertThat(first.syncPercent().getAsDouble()).isEqualTo(33.3);
    DrbdDeviceState second = f.procDrbd("centos02");
    assertThat(second.connectionState()).isEqualTo("SyncTarget");
    assertThat(second.syncPercent().getAsDouble()).isEqualTo(66.6);
    assertThat(second.outOfSyncKiB()).isPositive();

    DrbdDeviceState done = f.procDrbd("centos01");
    assertThat(done.connectionState()).isEqualTo("Connected");
    assertThat(done.localRole() + "/" + done.peerRole()).isEqualTo("Primary/Secondary");
    assertThat(done.localDisk() + "/" + done.peerDisk()).isEqualTo("UpToDate/UpToDate");
    assertThat(done.syncPercent()).isEmpty();
    assertThat(done.outOfSyncKiB()).isZero();
  }

  @Test
  void syncProgressTextLooksLikeTheKernels() {
    f.upOnBoth();
    f.fleet.replication().setReadsToSync(8);
    f.ok("centos01", "drbdadm", "primary", "--force", "vg1");
    String text = f.ok("centos01", "cat", "/proc/drbd").stdoutText();
    assertThat(text)
        .contains(" 0: cs:SyncSource ro:Primary/Secondary ds:UpToDate/Inconsistent C r-----\n")
        .containsPattern("\t\\[=>\\.{18}\\] sync'ed: 11\\.1% \\(\\d+/65533\\)M\n")
        .containsPattern("\tfinish: \\d+:\\d\\d:\\d\\d speed: 58,312 \\(58,312\\) K/sec\n");
    assertThat(ProcDrbdParser.parse(text).version()).contains("8.4.11");
  }

  @Test
  void primaryWithoutForceNeedsUpToDateData() {
    f.upOnBoth();
    ExecOutcome refused = f.run("centos02", "drbdadm", "primary", "vg1");
    assertThat(refused.exitCode()).isEqualTo(17);
    assertThat(refused.stderrText())
        .contains("0: State change failed: (-2) Need access to UpToDate data")
        .contains("Command 'drbdsetup-84 primary 0' terminated with exit code 17");
    assertThat(f.fleet.replication().role("centos02", "vg1")).contains("Secondary");
  }

  @Test
  void createMdOnAnExt4DiskIsRefusedAndWritesNothing() {
    f.prepared();
    f.node("centos01")
        .disks()
        .sign("/dev/sdb", DiskSignature.ext4("data1", "3f1c2b9e-5d6a-4e8b-9c0d-1a2b3c4d5e6f"));

    ExecOutcome refused = f.run("centos01", "drbdadm", "create-md", "vg1");

    assertThat(refused.exitCode()).isEqualTo(40);
    assertThat(refused.stdoutText())
        .contains("Found ext4 filesystem")
        .contains("Operation refused.");
    assertThat(refused.stderrText())
        .contains(
            "Command 'drbdmeta 0 v08 /dev/sdb internal create-md' terminated with exit code 40");
    assertThat(f.signatures("centos01", "/dev/sdb").signatures()).containsExactly("ext4");
    assertThat(f.fleet.replication().diskState("centos01", "vg1")).isEmpty();
  }

  @Test
  void createMdTwiceIsRefused() {
    f.prepared();
    f.ok("centos01", "drbdadm", "create-md", "vg1");
    ExecOutcome again = f.run("centos01", "drbdadm", "create-md", "vg1");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stdoutText()).contains("There appears to be a v08 flexible-size internal");
  }

  @Test
  void crashedPeerLeavesWfConnection() throws Exception {
    f.synced();
    f.fleet.start();
    f.fleet.crash("centos02");

    DrbdDeviceState alone = f.procDrbd("centos01");
    assertThat(alone.connectionState()).isEqualTo("WFConnection");
    assertThat(alone.localRole() + "/" + alone.peerRole()).isEqualTo("Primary/Unknown");
    assertThat(alone.localDisk() + "/" + alone.peerDisk()).isEqualTo("UpToDate/DUnknown");

    f.fleet.restore("centos02");
    f.ok("centos02", "drbdadm", "adjust", "vg1");
    assertThat(f.procDrbd("centos01").connectionState()).isEqualTo("Connected");
  }

  @Test
  void aCrashedPrimaryThatBootsIsStartedByPacemakerAndResyncsFromTheNewPrimary() throws Exception {
    f.clustered();
    f.fleet.start();
    f.fleet.crash("centos01");
    assertThat(f.fleet.replication().role("centos02", "vg1")).contains("Primary");

    f.fleet.restore("centos01");

    DrbdDeviceState back = f.procDrbd("centos01");
    assertThat(back.connectionState()).isEqualTo("SyncTarget");
    assertThat(back.localRole() + "/" + back.peerRole()).isEqualTo("Secondary/Primary");
    assertThat(back.localDisk() + "/" + back.peerDisk()).isEqualTo("Inconsistent/UpToDate");
    for (int i = 0; i < f.fleet.replication().readsToSync(); i++) {
      f.procDrbd("centos02");
    }
    DrbdDeviceState synced = f.procDrbd("centos01");
    assertThat(synced.connectionState()).isEqualTo("Connected");
    assertThat(synced.localDisk() + "/" + synced.peerDisk()).isEqualTo("UpToDate/UpToDate");
    assertThat(f.fleet.replication().role("centos02", "vg1")).contains("Primary");
  }

  @Test
  void splitBrainSwitchLeavesBothStandAloneAndIsFlagged() {
    f.synced();
    f.fleet.replication().splitBrain("vg1");
    for (String target : new String[] {"centos01", "centos02"}) {
      String text = f.ok(target, "cat", "/proc/drbd").stdoutText();
      assertThat(text).contains("cs:StandAlone").contains("/Unknown ds:UpToDate/DUnknown   r-----");
      assertThat(SplitBrainEvidence.detect(ProcDrbdParser.parse(text)))
          .singleElement()
          .satisfies(finding -> assertThat(finding.reason()).isEqualTo(SplitBrainEvidence.REASON));
    }
  }

  @Test
  void splitBrainHandlerLeavesAMarkerOnEachDetectingNodeThatOutlivesTheRecovery() {
    f.synced();
    f.fleet
        .replication()
        .setClock(Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

    f.fleet.replication().splitBrain("vg1");

    String marker = DrbdReplication.splitBrainMarker("vg1");
    assertThat(marker).isEqualTo("/var/lib/ha-iscsi-operator/drbd-split-brain/vg1");
    for (String target : new String[] {"centos01", "centos02"}) {
      assertThat(f.node(target).files().get(marker))
          .hasValue(SimulatedFile.text("2026-11-25T10:00:00Z\n", "0644"));
      assertThat(f.ok(target, "cat", marker).stdoutText()).isEqualTo("2026-11-25T10:00:00Z\n");
    }

    f.fleet.replication().clearSplitBrain("vg1");

    assertThat(f.procDrbd("centos01").connectionState()).isEqualTo("Connected");
    for (String target : new String[] {"centos01", "centos02"}) {
      assertThat(f.node(target).readText(marker)).hasValue("2026-11-25T10:00:00Z\n");
    }
  }

  @Test
  void splitBrainMarkerOnlyWhereTheDeviceIsUpAndInDateFormat() {
    f.upOnBoth();
    f.ok("centos02", "drbdadm", "down", "vg1");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    f.fleet.replication().splitBrain("vg1");

    String marker = DrbdReplication.splitBrainMarker("vg1");
    String written = f.node("centos01").readText(marker).orElseThrow();
    assertThat(written).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n");
    assertThat(Instant.parse(written.strip())).isBetween(before, Instant.now());
    assertThat(f.node("centos02").fileExists(marker)).isFalse();
  }

  /** The constraint crm-fence-peer.sh places for vg1 when centos01 is the Primary. */
  private static final String FENCE_ID = "drbd-fence-by-handler-vg1-" + DrbdFixture.CLONE;

  private static final String FENCE_CONSTRAINT =
      "<rsc_location id=\""
          + FENCE_ID
          + "\" rsc=\""
          + DrbdFixture.CLONE
          + "\">\n"
          + "  <rule id=\"drbd-fence-by-handler-vg1-rule-"
          + DrbdFixture.CLONE
          + "\" role=\"Master\" score=\"-INFINITY\">\n"
          + "    <expression id=\"drbd-fence-by-handler-vg1-expr-"
          + DrbdFixture.CLONE
          + "\" attribute=\"#uname\" operation=\"ne\" value=\"centos01\"/>\n"
          + "  </rule>\n"
          + "</rsc_location>\n";

  @Test
  void linkLossLeavesBothWaitingAndThePrimaryFencesThePeerInTheCib() {
    f.clustered();
    int epoch = f.fleet.cluster().cibEpoch();

    f.fleet.replication().linkDown("vg1");

    assertThat(f.ok("centos01", "cat", "/proc/drbd").stdoutText())
        .contains(" 0: cs:WFConnection ro:Primary/Unknown ds:UpToDate/Outdated C r-----\n");
    assertThat(f.ok("centos02", "cat", "/proc/drbd").stdoutText())
        .contains(" 0: cs:WFConnection ro:Secondary/Unknown ds:UpToDate/DUnknown C r-----\n");
    DrbdDeviceState primary = f.procDrbd("centos01");
    assertThat(primary.peerDisk()).isEqualTo("Outdated");
    assertThat(f.fleet.cluster().configurationElement(FENCE_ID)).hasValue(FENCE_CONSTRAINT);
    assertThat(f.ok("centos02", "cibadmin", "--query", "--scope", "constraints").stdoutText())
        .contains("<rsc_location id=\"" + FENCE_ID + "\"");
    assertThat(f.fleet.cluster().cibEpoch())
        .as("one CIB change: the constraint")
        .isEqualTo(epoch + 1);
    assertThat(f.fleet.replication().diskState("centos02", "vg1")).contains("UpToDate");
  }

  @Test
  void linkReturnResyncsFromThePrimaryAndTheSyncTargetUnfences() {
    f.clustered();
    f.fleet.replication().linkDown("vg1");

    f.fleet.replication().linkUp("vg1");

    DrbdDeviceState source = f.procDrbd("centos01");
    assertThat(source.connectionState()).isEqualTo("SyncSource");
    assertThat(source.localDisk() + "/" + source.peerDisk()).isEqualTo("UpToDate/Inconsistent");
    assertThat(f.fleet.cluster().configurationElement(FENCE_ID))
        .as("fenced until the resync is done")
        .isPresent();
    assertThat(f.procDrbd("centos02").connectionState()).isEqualTo("SyncTarget");

    DrbdDeviceState done = f.procDrbd("centos01");
    assertThat(done.connectionState()).isEqualTo("Connected");
    assertThat(done.localDisk() + "/" + done.peerDisk()).isEqualTo("UpToDate/UpToDate");
    assertThat(f.fleet.cluster().configurationElement(FENCE_ID)).isEmpty();
    assertThat(f.fleet.cluster().cibXml()).contains("update-origin=\"centos02\"");
  }

  @Test
  void withoutAClusterTheFenceHandlerFailsAndThePeerStaysUnknown() {
    f.synced();

    f.fleet.replication().linkDown("vg1");

    DrbdDeviceState alone = f.procDrbd("centos01");
    assertThat(alone.connectionState()).isEqualTo("WFConnection");
    assertThat(alone.localDisk() + "/" + alone.peerDisk()).isEqualTo("UpToDate/DUnknown");
    f.fleet.replication().linkUp("vg1");
    assertThat(f.procDrbd("centos02").connectionState()).isEqualTo("SyncTarget");
  }

  @Test
  void linkLossWithoutAPrimaryFencesNothingAndReconnectsWithoutResync() {
    f.upOnBoth();
    f.ok("centos01", "drbdadm", "primary", "--force", "vg1");
    f.ok("centos01", "drbdadm", "secondary", "vg1");
    for (int i = 0; i <= f.fleet.replication().readsToSync(); i++) {
      f.procDrbd("centos01");
    }

    f.fleet.replication().linkDown("vg1");
    assertThat(f.procDrbd("centos01").peerDisk()).isEqualTo("DUnknown");
    f.fleet.replication().linkUp("vg1");

    DrbdDeviceState back = f.procDrbd("centos02");
    assertThat(back.connectionState()).isEqualTo("Connected");
    assertThat(back.localDisk() + "/" + back.peerDisk()).isEqualTo("UpToDate/UpToDate");
  }

  @Test
  void downRemovesTheMinor() {
    f.upOnBoth();
    f.ok("centos02", "drbdadm", "down", "vg1");
    assertThat(f.procDrbd("centos01").connectionState()).isEqualTo("WFConnection");
    assertThat(ProcDrbdParser.parse(f.ok("centos02", "cat", "/proc/drbd").stdoutText()).devices())
        .isEmpty();
    assertThat(f.fleet.replication().connectionState("centos02", "vg1"))
        .isEqualTo(Optional.empty());
  }
}
