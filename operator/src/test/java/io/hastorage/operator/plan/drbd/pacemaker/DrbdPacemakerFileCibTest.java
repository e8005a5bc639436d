package io.hastorage.operator.plan.drbd.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.plan.pacemaker.ActiveResources;
import io.hastorage.operator.plan.pacemaker.CanonicalXml;
import io.hastorage.operator.plan.pacemaker.CibChange;
import io.hastorage.operator.plan.pacemaker.CibDiff;
import io.hastorage.operator.plan.pacemaker.CibElement;
import io.hastorage.operator.testing.FileCib;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Element;

/**
 * Pushes the seed volume's elements into a real file CIB with the operator's own cibadmin commands,
 * then lets Pacemaker 2.1.5's scheduler ({@code crm_simulate}) place them. Placement is read back
 * from {@code crm_mon --output-as=xml} on the saved simulation, not inferred from exit codes.
 *
 * <p>Findings this test pins: {@code crm_verify} accepts nodes declared in configuration/nodes
 * without any status section; the scheduler needs the nodes online ({@code -u}) and quorum ({@code
 * --quorum=1}) before it schedules anything; no agent runs in a simulation, so the promotion score
 * the linbit agent would set via crm_master must be injected as the transient node attribute {@code
 * master-<primitive id>} (2.1.5 ignores {@code promotion-<id>}).
 */
class DrbdPacemakerFileCibTest {

  private static final String DRBD = "hastorage-drbd-vg1";
  private static final String LVM = "hastorage-lvm-vg1";

  @TempDir Path dir;
  private FileCib cib;
  private List<CibElement> desired;

  @BeforeEach
  void twoNodeCibWithTheSeedVolume() throws IOException {
    FileCib.requireTools();
    cib = FileCib.twoNodes(dir);
    desired = DrbdPacemakerElements.desired(SeedDrbdVolume.vg1());
  }

  @Test
  void pushesAsFourCreatesThatValidateAndThenDiffsEmpty() {
    List<CibChange> changes = cib.push(desired);

    assertThat(changes).extracting(CibChange::kind).containsOnly(CibChange.Kind.CREATE);
    assertThat(changes).hasSize(4);
    FileCib.Output verify = cib.verify();
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    assertThat(verify.stdout() + verify.stderr()).doesNotContainIgnoringCase("error");
    assertThat(CibDiff.diff(desired, cib.parse())).isEmpty();
    assertThat(cib.push(desired)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PromotableSyntax.class)
  void everyPacemakerDialectValidatesAndIsStoredUnchanged(PromotableSyntax syntax) {
    List<CibElement> dialect = DrbdPacemakerElements.desired(SeedDrbdVolume.vg1(), syntax);

    cib.push(dialect);

    FileCib.Output verify = cib.verify();
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    assertThat(CibDiff.diff(dialect, cib.parse())).isEmpty();
  }

  @Test
  void promotesOnTheScoredNodeAndStartsTheVolumeGroupThere() {
    Path running = startWithScoreOnCentos01();

    assertThat(placement(cib.status(running)))
        .containsEntry(DRBD + "/Promoted", List.of("centos01"))
        .containsEntry(DRBD + "/Unpromoted", List.of("centos02"))
        .containsEntry(LVM + "/Started", List.of("centos01"));
  }

  @Test
  void crmMonListsTheRunningResourcesByPrimitiveId() {
    Path running = startWithScoreOnCentos01();

    assertThat(ActiveResources.parse(cib.status(running))).contains(DRBD, LVM);
  }

  @Test
  void aLocationPreferenceCannotPullTheVolumeGroupOffThePromotedNode() {
    cib.push(desired);
    cib.createHandMade(
        "constraints",
        "<rsc_location id=\"prefer-lvm-on-centos02\" rsc=\""
            + LVM
            + "\" node=\"centos02\""
            + " score=\"5000\"/>");
    Path running = startWithScoreOnCentos01();

    assertThat(placement(cib.status(running)))
        .containsEntry(DRBD + "/Promoted", List.of("centos01"))
        .containsEntry(LVM + "/Started", List.of("centos01"));
  }

  @Test
  void failingThePrimaryMovesTheVolumeGroupToTheNewlyPromotedPeer() {
    Path running = startWithScoreOnCentos01();
    cib.promotionScore(running, "centos02", DRBD, 10000);

    Path failed = cib.simulate(running, "failed.xml", "-f", "centos01", "--quorum=1", "-S").cib();

    assertThat(placement(cib.status(failed)))
        .containsEntry(DRBD + "/Promoted", List.of("centos02"))
        .containsEntry(LVM + "/Started", List.of("centos02"))
        .doesNotContainKey(DRBD + "/Unpromoted");
  }

  @Test
  void withoutAPromotionScoreOnThePeerTheVolumeGroupStaysStopped() {
    Path running = startWithScoreOnCentos01();

    Path failed = cib.simulate(running, "failed.xml", "-f", "centos01", "--quorum=1", "-S").cib();

    Map<String, List<String>> placement = placement(cib.status(failed));
    assertThat(placement).containsEntry(DRBD + "/Unpromoted", List.of("centos02"));
    assertThat(placement).doesNotContainKeys(DRBD + "/Promoted", LVM + "/Started");
  }

  /** Pushes, brings both nodes up with quorum, scores centos01 and runs one transition. */
  private Path startWithScoreOnCentos01() {
    cib.push(desired);
    Path up =
        cib.simulate(cib.file(), "up.xml", "-u", "centos01", "-u", "centos02", "--quorum=1").cib();
    cib.promotionScore(up, "centos01", DRBD, 10000);
    return cib.simulate(up, "running.xml", "-S").cib();
  }

  /** "resource id/role" to the nodes crm_mon shows it on; stopped instances are left out. */
  private static Map<String, List<String>> placement(String crmMonXml) {
    var resources = CanonicalXml.parse(crmMonXml).getElementsByTagName("resource");
    Map<String, List<String>> out = new TreeMap<>();
    for (int i = 0; i < resources.getLength(); i++) {
      Element resource = (Element) resources.item(i);
      for (Element node : CanonicalXml.childElements(resource)) {
        if (node.getTagName().equals("node")) {
          String key = resource.getAttribute("id") + "/" + resource.getAttribute("role");
          out.computeIfAbsent(key, k -> new ArrayList<>()).add(node.getAttribute("name"));
        }
      }
    }
    return out;
  }
}
