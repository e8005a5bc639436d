package io.hastorage.operator.plan.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.plan.pacemaker.CibChange.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CibDiffTest {

  private static final CibElement DUMMY =
      resource("<primitive id='my-dummy' class='ocf' provider='heartbeat' type='Dummy'/>");
  private static final CibElement FENCE_PEER =
      constraint(
          "<rsc_location id='drbd-fence-by-handler-vg1-ms_drbd_vg1' rsc='ms_drbd_vg1'"
              + " role='Master'><rule id='drbd-fence-by-handler-vg1-rule-ms_drbd_vg1'"
              + " score='-INFINITY'><expression attribute='#uname' operation='ne'"
              + " value='centos01' id='drbd-fence-by-handler-vg1-expr-ms_drbd_vg1'/></rule>"
              + "</rsc_location>");
  private static final CibElement R1 =
      resource("<primitive id='hastorage-r1' class='ocf' provider='heartbeat' type='Dummy'/>");
  private static final CibElement R2 =
      resource("<primitive id='hastorage-r2' class='ocf' provider='heartbeat' type='Dummy'/>");
  private static final CibElement C1 =
      constraint(
          "<rsc_location id='hastorage-c1' rsc='hastorage-r1' node='n1' score='-INFINITY'/>");
  private static final CibElement C2 =
      constraint(
          "<rsc_location id='hastorage-c2' rsc='hastorage-r2' node='n2' score='-INFINITY'/>");

  @Test
  void convergedGivesNoChangesWhateverTheFormatting() {
    CibElement reformatted =
        constraint(
            "<rsc_location score='-INFINITY'\n   node='n1' rsc='hastorage-r1' id='hastorage-c1'>"
                + "\n</rsc_location>");

    assertThat(CibDiff.diff(List.of(R1, C1), cib(DUMMY, R1, reformatted, FENCE_PEER))).isEmpty();
  }

  @Test
  void createsResourcesBeforeConstraints() {
    List<CibChange> changes = CibDiff.diff(List.of(C1, R1, C2, R2), cib(DUMMY, FENCE_PEER));

    assertThat(changes)
        .extracting(CibChange::kind, c -> c.element().id())
        .containsExactly(
            tuple(Kind.CREATE, "hastorage-r1"),
            tuple(Kind.CREATE, "hastorage-r2"),
            tuple(Kind.CREATE, "hastorage-c1"),
            tuple(Kind.CREATE, "hastorage-c2"));
  }

  @Test
  void deletesOwnedConstraintsFirstAndOwnedResourcesLastNeverOthers() {
    List<CibChange> changes = CibDiff.diff(List.of(), cib(R1, DUMMY, R2, C1, FENCE_PEER, C2));

    assertThat(changes)
        .extracting(CibChange::kind, c -> c.element().id())
        .containsExactly(
            tuple(Kind.DELETE, "hastorage-c1"),
            tuple(Kind.DELETE, "hastorage-c2"),
            tuple(Kind.DELETE, "hastorage-r1"),
            tuple(Kind.DELETE, "hastorage-r2"));
  }

  @Test
  void aConstraintMovingToANewResourceIsReplacedBeforeTheOldResourceGoes() {
    CibElement c1OnR2 =
        constraint(
            "<rsc_location id='hastorage-c1' rsc='hastorage-r2' node='n1' score='-INFINITY'/>");

    List<CibChange> changes = CibDiff.diff(List.of(R2, c1OnR2), cib(R1, C1));

    assertThat(changes)
        .extracting(CibChange::kind, c -> c.element().id())
        .containsExactly(
            tuple(Kind.CREATE, "hastorage-r2"),
            tuple(Kind.REPLACE, "hastorage-c1"),
            tuple(Kind.DELETE, "hastorage-r1"));
    assertThat(changes.get(1).element()).isEqualTo(c1OnR2);
  }

  @Test
  void aReplaceAddressesTheElementByItsCurrentTag() {
    CibElement group =
        resource(
            "<group id='hastorage-r1'><primitive id='hastorage-r1-p' class='ocf'"
                + " provider='heartbeat' type='Dummy'/></group>");

    List<CibChange> changes = CibDiff.diff(List.of(group), cib(R1));

    assertThat(changes).containsExactly(new CibChange(Kind.REPLACE, group, "primitive"));
  }

  @Test
  void anElementThatChangesScopeIsDeletedAndCreated() {
    CibElement asConstraint =
        constraint("<rsc_location id='hastorage-r1' rsc='x' node='n1' score='0'/>");

    assertThat(CibDiff.diff(List.of(asConstraint), cib(R1)))
        .containsExactly(CibChange.create(asConstraint), CibChange.delete(R1));
  }

  @Test
  void refusesToManageElementsItDoesNotOwn() {
    assertThatThrownBy(() -> CibDiff.diff(List.of(DUMMY), cib()))
        .hasMessageContaining("not owned: primitive my-dummy");
    assertThatThrownBy(() -> CibDiff.diff(List.of(R1, R1), cib())).hasMessageContaining("repeats");
  }

  static CibElement resource(String xml) {
    return element(xml, CibElement.RESOURCES);
  }

  static CibElement constraint(String xml) {
    return element(xml, CibElement.CONSTRAINTS);
  }

  static Cib cib(CibElement... elements) {
    Map<String, CibElement> byId = new LinkedHashMap<>();
    for (CibElement e : elements) {
      byId.put(e.id(), e);
    }
    return new Cib(Map.of(), byId);
  }

  private static CibElement element(String xml, String scope) {
    var root = CanonicalXml.parse(xml).getDocumentElement();
    return new CibElement(root.getAttribute("id"), root.getTagName(), scope, xml);
  }

  private static org.assertj.core.groups.Tuple tuple(Object... values) {
    return org.assertj.core.groups.Tuple.tuple(values);
  }
}
