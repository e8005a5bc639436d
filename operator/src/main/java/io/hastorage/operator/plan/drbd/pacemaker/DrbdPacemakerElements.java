package io.hastorage.operator.plan.drbd.pacemaker;

import static io.hastorage.operator.api.common.ValidationPatterns.DRBD_RESOURCE;

import io.hastorage.operator.api.cluster.PacemakerSpec;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.plan.pacemaker.CibElement;
import java.util.List;

/**
 * Renders the Pacemaker side of a DrbdVolume: the DRBD resource as a promotable clone, the VG on
 * top as an LVM-activate primitive, and the two constraints that keep the VG on, and after, the
 * DRBD primary. Pure: the same volume gives the same canonical XML, so {@code CibDiff} is empty
 * once the CIB has converged.
 *
 * <p>The syntax follows the cluster's Pacemaker version ({@link PromotableSyntax}): the seed's 1.1
 * {@code master} element with Master/Slave roles, or the 2.x {@code clone} with {@code
 * promotable=true} (roles Master/Slave on 2.0, Promoted/Unpromoted from 2.1), each being what that
 * version's {@code cibadmin} stores unchanged, so the diff stays empty.
 *
 * <p>The DRBD operations and clone meta attributes are the seed's ({@code ms_drbd_vg1}). The
 * LVM-activate timeouts are the agent's own advertised defaults (resource-agents 4.12); the seed's
 * 30 s for the old LVM agent is tighter than the agent's vendor expects for a VG that must first
 * take over the system ID.
 *
 * <p>Ids are the element kind plus DRBD resource or VG name, all under {@link
 * CibElement#OWNED_PREFIX}; nested ids (nvpairs, ops) extend their parent's id, so nothing the
 * operator writes can collide with a hand-made element.
 */
public final class DrbdPacemakerElements {

  /**
   * How LVM-activate guards the VG. {@code system_id} needs {@code global/system_id_source} set
   * (e.g. {@code "uname"}) in lvm.conf or lvmlocal.conf on both nodes; {@code tagging} would need
   * {@code activation/volume_list} set without this VG instead. DRBD already refuses the device on
   * the secondary; the system ID also stops a stray {@code vgchange -ay} on a node that later
   * becomes primary outside Pacemaker from activating a VG another node still owns.
   */
  public static final String VG_ACCESS_MODE = "system_id";

  /**
   * The seed's ms_drbd_vg1 operations (monitors 10s promoted, 30s not, at the default interval);
   * ids carry the placeholder ID- until {@link #operations}. The two monitors' intervals must
   * differ: Pacemaker keys an operation by name and interval.
   */
  private static String drbdOps(PromotableSyntax syntax, int monitorSeconds) {
    return op("start", "0s", "240s", null)
        + op("promote", "0s", "90s", null)
        + op("demote", "0s", "90s", null)
        + op("notify", "0s", "90s", null)
        + op("stop", "0s", "100s", null)
        + op("monitor", (3 * monitorSeconds) + "s", "20s", syntax.unpromotedRole())
        + op("monitor", monitorSeconds + "s", "20s", syntax.promotedRole());
  }

  /** LVM-activate's own advertised timeouts (resource-agents 4.12 meta-data). */
  private static String lvmOps(int monitorSeconds) {
    return op("start", "0s", "90s", null)
        + op("stop", "0s", "90s", null)
        + op("monitor", (3 * monitorSeconds) + "s", "90s", null);
  }

  /** CIB ids are XML NCNames; LVM allows '+' in VG names, which an id cannot hold. */
  private static final String ID_PART = "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}$";

  private DrbdPacemakerElements() {}

  /**
   * Every element the volume wants, in the order the CIB accepts them: clone, LVM primitive, then
   * the constraints that name them.
   *
   * @throws IllegalArgumentException if the spec is incomplete or a name cannot form a CIB id; the
   *     message names the DrbdVolume by metadata.name
   */
  public static List<CibElement> desired(DrbdVolume volume) {
    return desired(volume, PromotableSyntax.PROMOTABLE_CLONE_2_1);
  }

  /** The elements in the dialect of the cluster's Pacemaker version, at the default interval. */
  public static List<CibElement> desired(DrbdVolume volume, PromotableSyntax syntax) {
    return desired(volume, syntax, PacemakerSpec.DEFAULT_MONITOR_INTERVAL_SECONDS);
  }

  /**
   * The elements in the dialect of the cluster's Pacemaker version, monitored every {@code
   * monitorSeconds} (StorageCluster spec.pacemaker.monitorIntervalSeconds).
   */
  public static List<CibElement> desired(
      DrbdVolume volume, PromotableSyntax syntax, int monitorSeconds) {
    String name = volume.getMetadata() == null ? null : volume.getMetadata().getName();
    DrbdVolumeSpec spec = volume.getSpec();
    if (spec == null || spec.lvm == null) {
      throw new IllegalArgumentException("DrbdVolume " + name + " has no spec or spec.lvm");
    }
    String res = check(spec.resourceName, DRBD_RESOURCE, name, "spec.resourceName");
    String vg = check(spec.lvm.volumeGroup, ID_PART, name, "spec.lvm.volumeGroup");
    return List.of(
        drbdClone(res, syntax, monitorSeconds),
        lvm(vg, monitorSeconds),
        colocation(res, vg, syntax),
        order(res, vg));
  }

  /** The promotable clone wrapping the ocf:linbit:drbd primitive for one DRBD resource. */
  static CibElement drbdClone(String res, PromotableSyntax syntax, int monitorSeconds) {
    String id = drbdId(res);
    boolean legacy = syntax == PromotableSyntax.MASTER_SLAVE_1_1;
    String tag = legacy ? "master" : "clone";
    List<String> meta =
        legacy
            ? List.of(
                "master-max", "1",
                "master-node-max", "1",
                "clone-max", "2",
                "clone-node-max", "1",
                "notify", "true",
                "interleave", "true",
                "resource-stickiness", "100")
            : List.of(
                "promotable", "true",
                "promoted-max", "1",
                "promoted-node-max", "1",
                "clone-max", "2",
                "clone-node-max", "1",
                "notify", "true",
                "interleave", "true",
                "resource-stickiness", "100");
    String xml =
        "<%s id=\"%s\">".formatted(tag, cloneId(res))
            + "<primitive id=\"%s\" class=\"ocf\" provider=\"linbit\" type=\"drbd\">".formatted(id)
            + attributes("instance_attributes", id, List.of("drbd_resource", res))
            + operations(id, drbdOps(syntax, monitorSeconds))
            + "</primitive>"
            + attributes("meta_attributes", cloneId(res), meta)
            + "</"
            + tag
            + ">";
    return new CibElement(cloneId(res), tag, CibElement.RESOURCES, xml);
  }

  /** The VG, activated exclusively on one node by ocf:heartbeat:LVM-activate. */
  static CibElement lvm(String vg, int monitorSeconds) {
    String id = lvmId(vg);
    String xml =
        "<primitive id=\"%s\" class=\"ocf\" provider=\"heartbeat\" type=\"LVM-activate\">"
                .formatted(id)
            + attributes(
                "instance_attributes",
                id,
                List.of(
                    "vgname", vg,
                    "vg_access_mode", VG_ACCESS_MODE,
                    "activation_mode", "exclusive"))
            + operations(id, lvmOps(monitorSeconds))
            + "</primitive>";
    return new CibElement(id, "primitive", CibElement.RESOURCES, xml);
  }

  /** The VG only where DRBD is Promoted: its PV is the DRBD device, readable only there. */
  static CibElement colocation(String res, String vg) {
    return colocation(res, vg, PromotableSyntax.PROMOTABLE_CLONE_2_1);
  }

  static CibElement colocation(String res, String vg, PromotableSyntax syntax) {
    String id = CibElement.OWNED_PREFIX + "colocation-lvm-" + vg + "-with-drbd-" + res;
    String xml =
        ("<rsc_colocation id=\"%s\" rsc=\"%s\" with-rsc=\"%s\" with-rsc-role=\"%s\""
                + " score=\"INFINITY\"/>")
            .formatted(id, lvmId(vg), cloneId(res), syntax.promotedRole());
    return new CibElement(id, "rsc_colocation", CibElement.CONSTRAINTS, xml);
  }

  /** Promote first, then activate: colocation alone would let both start in one step. */
  static CibElement order(String res, String vg) {
    String id = CibElement.OWNED_PREFIX + "order-drbd-" + res + "-before-lvm-" + vg;
    String xml =
        ("<rsc_order id=\"%s\" first=\"%s\" first-action=\"promote\" then=\"%s\""
                + " then-action=\"start\" kind=\"Mandatory\"/>")
            .formatted(id, cloneId(res), lvmId(vg));
    return new CibElement(id, "rsc_order", CibElement.CONSTRAINTS, xml);
  }

  /** The DRBD primitive's id; agents' promotion scores are the node attribute master-ID. */
  public static String drbdId(String res) {
    return CibElement.OWNED_PREFIX + "drbd-" + check(res, DRBD_RESOURCE, "?", "DRBD resource");
  }

  /** The promotable clone's id, which constraints on "the DRBD primary" name. */
  public static String cloneId(String res) {
    return drbdId(res) + "-clone";
  }

  /** The LVM-activate primitive's id, which later resources (the SCST LUN) follow. */
  public static String lvmId(String vg) {
    return CibElement.OWNED_PREFIX + "lvm-" + check(vg, ID_PART, "?", "volume group");
  }

  /** One op; its id is unique per name and interval, so two monitors of different roles differ. */
  private static String op(String name, String interval, String timeout, String role) {
    return "<op id=\"ID-%s-interval-%s\" name=\"%s\" interval=\"%s\" timeout=\"%s\"%s/>"
        .formatted(
            name, interval, name, interval, timeout, role == null ? "" : " role=\"" + role + "\"");
  }

  private static String operations(String id, String ops) {
    return "<operations>" + ops.replace("id=\"ID-", "id=\"" + id + "-") + "</operations>";
  }

  /** An nvpair set from alternating names and values; values are validated, never escaped. */
  private static String attributes(String tag, String ownerId, List<String> namesAndValues) {
    String setId = ownerId + "-" + tag;
    StringBuilder xml = new StringBuilder("<%s id=\"%s\">".formatted(tag, setId));
    for (int i = 0; i < namesAndValues.size(); i += 2) {
      String nvName = namesAndValues.get(i);
      xml.append(
          "<nvpair id=\"%s-%s\" name=\"%s\" value=\"%s\"/>"
              .formatted(setId, nvName, nvName, namesAndValues.get(i + 1)));
    }
    return xml.append("</").append(tag).append(">").toString();
  }

  private static String check(String value, String pattern, String volume, String field) {
    if (value == null || !value.matches(pattern)) {
      throw new IllegalArgumentException(
          "DrbdVolume " + volume + ": " + field + " is missing or cannot form a CIB id");
    }
    return value;
  }
}
