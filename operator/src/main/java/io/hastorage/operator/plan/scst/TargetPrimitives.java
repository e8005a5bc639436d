package io.hastorage.operator.plan.scst;

import io.hastorage.operator.api.scst.Lun;
import io.hastorage.operator.api.scst.ScstTargetSpec.Backend;
import io.hastorage.operator.plan.scst.CibXml.Nv;
import io.hastorage.operator.plan.scst.ResolvedTarget.ResolvedLun;
import io.hastorage.operator.plan.scst.ResolvedTarget.ResolvedPortal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The target and LU primitives in the agent family the nodes have.
 *
 * <p>{@link TargetAgents#SCST_OCF}: the seed's {@code ocf:scst:SCSTTarget} (iscsi_enable, iqn,
 * portals as bare IPs, wait_timeout, additional_parameters; monitor 10s/120s) and {@code
 * ocf:scst:SCSTLun} (iscsi_enable, target_iqn, iscsi_lun, path, handler, device_name, the identity
 * as scsi_sn/scsi_id, the device attributes as additional_parameters, wait_timeout). scst-ocf 1.3's
 * SCSTTarget marks allowed_initiators "TODO" and ignores it, so it is not rendered: access control
 * for that family must come from SCST itself (scstadmin initiator groups).
 *
 * <p>{@link TargetAgents#RESOURCE_AGENTS}: {@code ocf:heartbeat:iSCSITarget} and {@code
 * iSCSILogicalUnit} with {@code implementation} = the backend. Per implementation, following the
 * agents' own unsupported_params lists (resource-agents 4.12): tgt takes no portals (it listens
 * where tgtd does) and binds initiators by address; LIO ignores scsi_id, and needs
 * allowed_initiators on each LU as well to map it. Monitors use the agents' advertised 10s/10s.
 */
final class TargetPrimitives {

  static final String SCST_MONITOR_TIMEOUT = "120s";
  static final String SCST_WAIT_TIMEOUT = "60";

  /**
   * Start and stop of a target or LU: SCSTTarget waits up to wait_timeout for SCST, and the lio-t
   * agents run targetcli several times per start (about 3 s each on a loaded machine, seen on the
   * kernel lab), so Pacemaker's 20 s default fails a healthy start and bans the node.
   */
  static final String START_STOP_TIMEOUT = "120s";

  /**
   * Monitor of a resource-agents target or LU: the check itself reads configfs or tgtadm, but it is
   * a shell script of a few dozen forks, and on a node busy with targetcli (or any load) a 10 s
   * timeout fails healthy monitors and restarts the whole group under its clients (seen on the
   * kernel lab). A hung target is still found within interval + timeout.
   */
  static final String MONITOR_TIMEOUT = "30s";

  private TargetPrimitives() {}

  static String target(String id, ResolvedTarget t) {
    return t.agents() == TargetAgents.SCST_OCF ? scstTarget(id, t) : heartbeatTarget(id, t);
  }

  static String lun(String id, ResolvedTarget t, ResolvedLun lun) {
    return t.agents() == TargetAgents.SCST_OCF ? scstLun(id, t, lun) : heartbeatLun(id, t, lun);
  }

  private static String scstTarget(String id, ResolvedTarget t) {
    List<Nv> p = new ArrayList<>();
    p.add(new Nv("iscsi_enable", "true"));
    p.add(new Nv("iqn", t.iqn()));
    p.add(new Nv("portals", t.portals().stream().map(ResolvedPortal::ip).collect(spaced())));
    p.add(new Nv("wait_timeout", SCST_WAIT_TIMEOUT));
    optional(p, "additional_parameters", t.iscsiParameters());
    chap(p, t);
    return CibXml.primitive(
        id, "scst", "SCSTTarget", p, t.monitorInterval(), SCST_MONITOR_TIMEOUT, START_STOP_TIMEOUT);
  }

  private static String scstLun(String id, ResolvedTarget t, ResolvedLun lun) {
    List<Nv> p = new ArrayList<>();
    p.add(new Nv("iscsi_enable", "true"));
    p.add(new Nv("target_iqn", t.iqn()));
    p.add(new Nv("iscsi_lun", "" + lun.number()));
    p.add(new Nv("path", lun.path()));
    p.add(new Nv("handler", lun.handler().name()));
    p.add(new Nv("device_name", lun.deviceName()));
    p.add(new Nv("scsi_sn", lun.identity().serial()));
    p.add(new Nv("scsi_id", lun.identity().scsiId()));
    optional(p, "additional_parameters", deviceAttributes(lun.attributes(), lun.handler()));
    p.add(new Nv("wait_timeout", SCST_WAIT_TIMEOUT));
    return CibXml.primitive(
        id, "scst", "SCSTLun", p, t.monitorInterval(), SCST_MONITOR_TIMEOUT, START_STOP_TIMEOUT);
  }

  private static String heartbeatTarget(String id, ResolvedTarget t) {
    List<Nv> p = new ArrayList<>();
    p.add(new Nv("implementation", implementation(t.backend())));
    p.add(new Nv("iqn", t.iqn()));
    t.tid().ifPresent(tid -> p.add(new Nv("tid", Integer.toString(tid))));
    if (t.backend() != Backend.tgt) {
      p.add(
          new Nv(
              "portals", t.portals().stream().map(x -> x.ip() + ":" + x.port()).collect(spaced())));
    }
    List<String> allowed = t.backend() == Backend.tgt ? t.initiatorAddresses() : t.initiators();
    optional(p, "allowed_initiators", String.join(" ", allowed));
    optional(p, "additional_parameters", t.iscsiParameters());
    chap(p, t);
    return CibXml.primitive(
        id,
        "heartbeat",
        "iSCSITarget",
        p,
        t.monitorInterval(),
        MONITOR_TIMEOUT,
        START_STOP_TIMEOUT);
  }

  private static String heartbeatLun(String id, ResolvedTarget t, ResolvedLun lun) {
    List<Nv> p = new ArrayList<>();
    p.add(new Nv("implementation", implementation(t.backend())));
    p.add(new Nv("target_iqn", t.iqn()));
    p.add(new Nv("lun", "" + lun.number()));
    p.add(new Nv("path", lun.path()));
    p.add(new Nv("scsi_sn", lun.identity().serial()));
    switch (t.backend()) {
      case tgt -> p.add(new Nv("scsi_id", lun.identity().t10DevId()));
      case lioT -> optional(p, "allowed_initiators", String.join(" ", t.initiators()));
      case scst -> {
        // resource-agents' scst branch writes t10_dev_id from product_id (not scsi_id), and reads
        // the vdisk handler from scst_bstype where the agent has it (later than 4.13).
        p.add(new Nv("product_id", lun.identity().t10DevId()));
        p.add(new Nv("scst_bstype", lun.handler().name()));
      }
    }
    return CibXml.primitive(
        id,
        "heartbeat",
        "iSCSILogicalUnit",
        p,
        t.monitorInterval(),
        MONITOR_TIMEOUT,
        START_STOP_TIMEOUT);
  }

  /**
   * The seed's additional_parameters order: nv_cache, write_through, thin_provisioned, in the form
   * the scst-ocf SCSTLun agent applies (see {@link DeviceAttributeChange#additionalParameters}).
   * vdisk_fileio gets nv_cache=0 and write_through=1 unless the spec says otherwise (validation
   * refuses the unsafe values): SCST's own defaults acknowledge writes from the active target's
   * page cache.
   */
  static String deviceAttributes(Lun.DeviceAttributes a, Lun.Handler handler) {
    Lun.DeviceAttributes given = a == null ? new Lun.DeviceAttributes() : a;
    boolean fileio = handler == Lun.Handler.vdisk_fileio;
    Map<String, String> out = new LinkedHashMap<>();
    flag(out, "nv_cache", given.nvCache != null || !fileio ? given.nvCache : Boolean.FALSE);
    flag(
        out,
        "write_through",
        given.writeThrough != null || !fileio ? given.writeThrough : Boolean.TRUE);
    flag(out, "thin_provisioned", given.thinProvisioned);
    // threads_num is no add_device parameter: SCST refuses the whole line (validation refuses it)
    return DeviceAttributeChange.additionalParameters(out);
  }

  static String implementation(Backend backend) {
    return switch (backend) {
      case scst -> "scst";
      case lioT -> "lio-t";
      case tgt -> "tgt";
    };
  }

  private static void chap(List<Nv> p, ResolvedTarget t) {
    t.chap()
        .ifPresent(
            c -> {
              p.add(new Nv("incoming_username", c.username()));
              p.add(new Nv("incoming_password", c.password()));
            });
  }

  private static void flag(Map<String, String> out, String name, Boolean value) {
    if (value != null) {
      out.put(name, value ? "1" : "0");
    }
  }

  private static void optional(List<Nv> p, String name, String value) {
    if (!value.isEmpty()) {
      p.add(new Nv(name, value));
    }
  }

  private static java.util.stream.Collector<CharSequence, ?, String> spaced() {
    return Collectors.joining(" ");
  }
}
