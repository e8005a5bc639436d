package io.hastorage.e2e.sim.cluster;

import java.util.Optional;
import org.w3c.dom.Element;

/**
 * drbd-utils' DRBD 8.4 handlers crm-fence-peer.sh and crm-unfence-peer.sh
 * (scripts/crm-fence-peer.sh in drbd-utils 9, one script under two names) with their defaults, run
 * on a node of this cluster.
 *
 * <p>Fence: the script finds the promotable clone whose primitive has {@code drbd_resource=RES} (a
 * {@code clone} element, or {@code master} before crm_feature_set 3.1) and, with its disk UpToDate
 * and the peer still a cluster member, creates ({@code cibadmin -C -o constraints}) the location
 * constraint that forbids promotion anywhere but here:
 *
 * <pre>{@code
 * <rsc_location rsc="CLONE" id="drbd-fence-by-handler-RES-CLONE">
 *   <rule role="Master" score="-INFINITY" id="drbd-fence-by-handler-RES-rule-CLONE">
 *     <expression attribute="#uname" operation="ne" value="NODE"
 *         id="drbd-fence-by-handler-RES-expr-CLONE"/>
 * }</pre>
 *
 * and exits 4 (peer fenced). An identical constraint already there also counts as fenced; a
 * different one under that id, no such clone, or no CIB to talk to make it fail.
 *
 * <p>Unfence (after-resync-target, on the SyncTarget once both disks are UpToDate): {@code cibadmin
 * -D -X '<rsc_location rsc="CLONE" id="drbd-fence-by-handler-RES-CLONE"/>'}; nothing when there is
 * no such constraint.
 */
public final class CrmFencePeer {

  static final String ID_PREFIX = "drbd-fence-by-handler";
  static final String ROLE = "Master";

  private final SimulatedCluster cluster;

  public CrmFencePeer(SimulatedCluster cluster) {
    this.cluster = cluster;
  }

  /** The constraint's id for a DRBD resource driven by the promotable clone {@code cloneId}. */
  public static String constraintId(String drbdResource, String cloneId) {
    return prefix(drbdResource) + "-" + cloneId;
  }

  /** crm-fence-peer.sh on {@code node}; true when the peer is fenced (exit code 4). */
  public boolean fence(String node, String drbdResource) {
    return cluster.writeCib(node, "cibadmin", cib -> place(cib, node, drbdResource)).orElse(false);
  }

  /** crm-unfence-peer.sh on {@code node}. */
  public void unfence(String node, String drbdResource) {
    cluster.writeCib(node, "cibadmin", cib -> remove(cib, drbdResource));
  }

  private static boolean place(Cib cib, String node, String drbdResource) {
    Optional<String> clone = cloneId(cib, drbdResource);
    if (clone.isEmpty()) {
      return false; // "drbd-fencing could not determine the master id of drbd resource RES"
    }
    String prefix = prefix(drbdResource);
    String id = constraintId(drbdResource, clone.get());
    Element wanted =
        element(
            ("<rsc_location rsc=\"%s\" id=\"%s\"><rule role=\"%s\" score=\"-INFINITY\""
                    + " id=\"%s-rule-%s\"><expression attribute=\"#uname\" operation=\"ne\""
                    + " value=\"%s\" id=\"%s-expr-%s\"/></rule></rsc_location>")
                .formatted(clone.get(), id, ROLE, prefix, clone.get(), node, prefix, clone.get()));
    Optional<Element> existing =
        CibXml.children(cib.section("constraints").orElseThrow()).stream()
            .filter(c -> c.getAttribute("id").equals(id))
            .findFirst();
    if (existing.isPresent()) {
      return CibXml.format(existing.get()).equals(CibXml.format(wanted));
    }
    return new CibOperations(cib).create("constraints", wanted).failure().isEmpty();
  }

  /** {@code cibadmin -D -X '<rsc_location rsc="CLONE" id="ID"/>'}: succeeds when there is none. */
  private static boolean remove(Cib cib, String drbdResource) {
    Optional<String> clone = cloneId(cib, drbdResource);
    clone.ifPresent(
        c ->
            new CibOperations(cib)
                .delete(
                    element(
                        "<rsc_location rsc=\"%s\" id=\"%s\"/>"
                            .formatted(c, constraintId(drbdResource, c)))));
    return clone.isPresent();
  }

  /** The id of the promotable clone (or master) whose primitive drives {@code drbdResource}. */
  private static Optional<String> cloneId(Cib cib, String drbdResource) {
    String featureSet = cib.root().getAttribute("crm_feature_set");
    String tag = featureSet.matches("^([012]\\.|3\\.0\\.).*") ? "master" : "clone";
    return CibXml.children(cib.section("resources").orElseThrow()).stream()
        .filter(c -> c.getTagName().equals(tag))
        .filter(c -> drives(c, drbdResource))
        .map(c -> c.getAttribute("id"))
        .findFirst();
  }

  private static boolean drives(Element clone, String drbdResource) {
    return CibXml.children(clone).stream()
        .filter(p -> p.getTagName().equals("primitive"))
        .flatMap(p -> CibXml.children(p).stream())
        .filter(set -> set.getTagName().equals("instance_attributes"))
        .flatMap(set -> CibXml.children(set).stream())
        .anyMatch(
            nv ->
                nv.getAttribute("name").equals("drbd_resource")
                    && nv.getAttribute("value").equals(drbdResource));
  }

  /** The script appends the resource to its default id prefix. */
  private static String prefix(String drbdResource) {
    return ID_PREFIX + "-" + drbdResource;
  }

  private static Element element(String xml) {
    try {
      return CibXml.parse(xml).getDocumentElement();
    } catch (CibXml.InvalidXml e) {
      throw new IllegalStateException("crm-fence-peer's own XML does not parse: " + xml, e);
    }
  }
}
