package io.hastorage.operator.plan.scst;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.scst.ScstTargetSpec.Backend;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerElements;
import io.hastorage.operator.plan.drbd.pacemaker.PromotableSyntax;
import io.hastorage.operator.plan.pacemaker.CanonicalXml;
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
 * Pushes the seed's DrbdVolume and ScstTarget elements together into a real file CIB with the
 * operator's own cibadmin commands, then lets Pacemaker 2.1.5's scheduler place them.
 *
 * <p>Findings this test pins: cibadmin, crm_verify and crm_simulate accept the {@code ocf:scst}
 * agents although they are not installed (none of them reads agent meta-data; crm_simulate fakes
 * every operation), so the seed's own agent family is what is verified and simulated here. As for
 * the DRBD volume alone, the promotion score must be injected as {@code master-<primitive id>}.
 */
class ScstTargetFileCibTest {

  private static final String DRBD = "hastorage-drbd-vg1";
  private static final String LVM = "hastorage-lvm-vg1";

  @TempDir Path dir;
  private FileCib cib;

  @BeforeEach
  void twoNodeCib() throws IOException {
    FileCib.requireTools();
    cib = FileCib.twoNodes(dir);
  }

  @ParameterizedTest
  @EnumSource(PromotableSyntax.class)
  void theSeedTargetWithItsVolumeValidatesInEveryDialectAndThenDiffsEmpty(PromotableSyntax syntax) {
    List<CibElement> desired = seed(syntax);

    assertThat(cib.push(desired)).hasSize(desired.size());

    FileCib.Output verify = cib.verify();
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    assertThat(verify.stdout() + verify.stderr()).doesNotContainIgnoringCase("error");
    assertThat(CibDiff.diff(desired, cib.parse())).isEmpty();
    assertThat(cib.push(desired)).isEmpty();
  }

  @Test
  void resourceAgentsLioTWithChapValidatesAndIsStoredUnchanged() {
    List<CibElement> desired =
        new ArrayList<>(DrbdPacemakerElements.desired(SeedScstTarget.volumes().get("vg1")));
    desired.addAll(
        ScstTargetElements.desired(
            ScstTargetElementsTest.withChap(Backend.lioT),
            ScstTargetElementsTest.resourceAgents()));

    cib.push(desired);

    FileCib.Output verify = cib.verify();
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
    assertThat(CibDiff.diff(desired, cib.parse())).isEmpty();
  }

  @Test
  void everyGroupMemberStartsOnThePromotedNode() {
    FileCib.Simulation running = startWithScoreOnCentos01();

    Map<String, List<String>> placement = placement(cib.status(running.cib()));
    assertThat(placement).containsEntry(DRBD + "/Promoted", List.of("centos01"));
    for (String member : members()) {
      assertThat(placement).as(member).containsEntry(member + "/Started", List.of("centos01"));
    }
  }

  @Test
  void failingThePromotedNodeMovesTheWholeGroupToTheNewlyPromotedPeer() {
    FileCib.Simulation running = startWithScoreOnCentos01();
    cib.promotionScore(running.cib(), "centos02", DRBD, 10000);

    FileCib.Simulation failed =
        cib.simulate(running.cib(), "failed.xml", "-f", "centos01", "--quorum=1", "-S");

    Map<String, List<String>> placement = placement(cib.status(failed.cib()));
    assertThat(placement).containsEntry(DRBD + "/Promoted", List.of("centos02"));
    for (String member : members()) {
      assertThat(placement).as(member).containsEntry(member + "/Started", List.of("centos02"));
    }
  }

  @Test
  void withTheDrbdCloneUnpromotedTheGroupDoesNotStart() {
    cib.push(seed(PromotableSyntax.PROMOTABLE_CLONE_2_1));
    FileCib.Simulation up =
        cib.simulate(cib.file(), "up.xml", "-u", "centos01", "-u", "centos02", "--quorum=1");

    FileCib.Simulation ran = cib.simulate(up.cib(), "ran.xml", "-S");

    Map<String, List<String>> placement = placement(cib.status(ran.cib()));
    assertThat(placement).containsKey(DRBD + "/Unpromoted").doesNotContainKey(DRBD + "/Promoted");
    assertThat(placement.keySet())
        .noneMatch(k -> k.startsWith(ScstTargetElementsTest.GROUP) || k.startsWith(LVM));
  }

  @Test
  void theGroupStartsOnlyAfterThePromotionAndTheVolumeGroup() {
    FileCib.Simulation running = startWithScoreOnCentos01();

    List<String> actions =
        running.transcript().lines().filter(l -> l.contains("Resource action:")).toList();
    int promote = indexOf(actions, DRBD, " promote ");
    int lvmStart = indexOf(actions, LVM + " ", " start ");
    assertThat(promote).as(String.join("\n", actions)).isNotNegative();
    assertThat(lvmStart).isGreaterThan(promote);
    for (String member : members()) {
      assertThat(indexOf(actions, member + " ", " start "))
          .as(member + " starts after promote and LVM start\n" + String.join("\n", actions))
          .isGreaterThan(lvmStart);
    }
  }

  private static int indexOf(List<String> actions, String resource, String action) {
    for (int i = 0; i < actions.size(); i++) {
      if (actions.get(i).contains(resource) && actions.get(i).contains(action)) {
        return i;
      }
    }
    return -1;
  }

  private static List<CibElement> seed(PromotableSyntax syntax) {
    List<CibElement> desired =
        new ArrayList<>(DrbdPacemakerElements.desired(SeedScstTarget.volumes().get("vg1"), syntax));
    desired.addAll(
        ScstTargetElements.desired(
            SeedScstTarget.target(), SeedScstTarget.context().withSyntax(syntax)));
    return desired;
  }

  private static List<String> members() {
    return ScstTargetElementsTest.memberIds(
        ScstTargetElements.desired(SeedScstTarget.target(), SeedScstTarget.context()).get(0));
  }

  /** Pushes, brings both nodes up with quorum, scores centos01 and runs one transition. */
  private FileCib.Simulation startWithScoreOnCentos01() {
    cib.push(seed(PromotableSyntax.PROMOTABLE_CLONE_2_1));
    FileCib.Simulation up =
        cib.simulate(cib.file(), "up.xml", "-u", "centos01", "-u", "centos02", "--quorum=1");
    cib.promotionScore(up.cib(), "centos01", DRBD, 10000);
    return cib.simulate(up.cib(), "running.xml", "-S");
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
