package io.hastorage.operator.plan.scst;

import static io.hastorage.operator.api.common.ValidationPatterns.DRBD_RESOURCE;
import static io.hastorage.operator.api.common.ValidationPatterns.EMAIL;
import static io.hastorage.operator.api.common.ValidationPatterns.IPV4;
import static io.hastorage.operator.api.common.ValidationPatterns.IQN;
import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.LVM_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.NIC;
import static io.hastorage.operator.api.common.ValidationPatterns.PARAMETER_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.PARAMETER_VALUE;
import static io.hastorage.operator.api.common.ValidationPatterns.SCST_DEVICE;

import io.hastorage.operator.api.cluster.StonithDevice;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.LvmLayout;
import io.hastorage.operator.api.scst.Lun;
import io.hastorage.operator.api.scst.Portal;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetSpec;
import io.hastorage.operator.api.scst.ScstTargetSpec.Backend;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An ScstTarget checked field by field and joined with its DrbdVolumes: what the renderer writes,
 * with every value already safe for an agent's command line. The CRD schema can be bypassed, so
 * each value is checked again here; a message names the target and the field, never a secret.
 */
record ResolvedTarget(
    String name,
    String iqn,
    Backend backend,
    TargetAgents agents,
    boolean portblock,
    List<ResolvedPortal> portals,
    List<ResolvedLun> luns,
    List<String> initiators,
    List<String> initiatorAddresses,
    Optional<Chap> chap,
    String iscsiParameters,
    Optional<MailTo> mailTo,
    Optional<Integer> tid,
    String monitorInterval) {

  /** SCST's iscsi-scstd and tgtd listen where their own configuration says: 3260 by default. */
  static final int ISCSI_PORT = 3260;

  record ResolvedPortal(String ip, int cidr, String nic, int port) {}

  record ResolvedLun(
      int number,
      String path,
      Lun.Handler handler,
      String deviceName,
      Lun.DeviceAttributes attributes,
      LunIdentity identity,
      String drbdResource,
      String volumeGroup) {}

  record Chap(String username, String password) {
    @Override
    public String toString() {
      return "Chap[username=" + username + "]";
    }
  }

  record MailTo(String email, String subject) {}

  /**
   * @throws IllegalArgumentException naming the target and the field that is wrong
   */
  static ResolvedTarget resolve(ScstTarget target, TargetRenderContext context) {
    String name = target.getMetadata() == null ? null : target.getMetadata().getName();
    Check check = new Check(name);
    check.matches(name, K8S_NAME, "metadata.name");
    ScstTargetSpec spec = target.getSpec();
    if (spec == null) {
      throw check.fail("spec is missing");
    }
    String iqn = check.matches(spec.iqn, IQN, "spec.iqn");
    Backend backend = spec.backend == null ? Backend.scst : spec.backend;
    if (context.agents() == TargetAgents.SCST_OCF && backend != Backend.scst) {
      throw check.fail("spec.backend " + backend + " is driven by resource-agents, not ocf:scst");
    }
    boolean fixedPort = context.agents() == TargetAgents.SCST_OCF || backend == Backend.tgt;
    List<ResolvedPortal> portals = portals(spec.portals, fixedPort, check);
    List<ResolvedLun> luns = luns(spec.luns, iqn, backend, context, check);
    List<String> initiators =
        spec.allowedInitiators == null || spec.allowedInitiators.isEmpty()
            ? context.initiators()
            : spec.allowedInitiators;
    initiators.forEach(i -> check.matches(i, IQN, "an allowed initiator"));
    context.initiatorAddresses().forEach(a -> check.matches(a, IPV4, "an initiator address"));
    if (backend == Backend.tgt && context.initiatorAddresses().isEmpty()) {
      throw check.fail(
          "tgt binds initiators by address and none were resolved; without them no initiator"
              + " can see the target");
    }
    if (backend == Backend.tgt && (spec.tid == null || spec.tid < 1 || spec.tid > 65535)) {
      throw check.fail("spec.tid (1-65535) is required for tgt: its target id in tgtd");
    }
    return new ResolvedTarget(
        name,
        iqn,
        backend,
        context.agents(),
        spec.portblock == null || spec.portblock,
        portals,
        luns,
        List.copyOf(initiators),
        context.initiatorAddresses(),
        chap(spec, name, context, check),
        iscsiParameters(spec.iscsiParameters, check),
        mailTo(spec.mailTo, check),
        backend == Backend.tgt ? Optional.of(spec.tid) : Optional.empty(),
        context.monitorSeconds() + "s");
  }

  private static List<ResolvedPortal> portals(
      List<Portal> portals, boolean fixedPort, Check check) {
    if (portals == null || portals.isEmpty()) {
      throw check.fail("spec.portals is empty");
    }
    List<ResolvedPortal> out = new ArrayList<>();
    Set<String> ips = new HashSet<>();
    for (int i = 0; i < portals.size(); i++) {
      Portal p = portals.get(i);
      String field = "spec.portals[" + i + "]";
      String ip = check.matches(p.ip, IPV4, field + ".ip");
      if (!ips.add(ip)) {
        throw check.fail(field + ".ip repeats another portal's");
      }
      int cidr = check.range(p.cidr, 1, 32, field + ".cidr");
      String nic = check.matches(p.nic, NIC, field + ".nic");
      int port = p.port == null ? ISCSI_PORT : check.range(p.port, 1, 65535, field + ".port");
      if (fixedPort && port != ISCSI_PORT) {
        throw check.fail(field + ".port: these agents cannot bind a port; only 3260 is served");
      }
      out.add(new ResolvedPortal(ip, cidr, nic, port));
    }
    return out;
  }

  private static List<ResolvedLun> luns(
      List<Lun> luns, String iqn, Backend backend, TargetRenderContext context, Check check) {
    if (luns == null || luns.isEmpty()) {
      throw check.fail("spec.luns is empty");
    }
    List<ResolvedLun> out = new ArrayList<>();
    Set<Integer> numbers = new HashSet<>();
    Set<String> devices = new HashSet<>();
    for (int i = 0; i < luns.size(); i++) {
      Lun lun = luns.get(i);
      String field = "spec.luns[" + i + "]";
      int number = check.range(lun.number, backend == Backend.tgt ? 1 : 0, 255, field + ".number");
      if (!numbers.add(number)) {
        throw check.fail(field + ".number repeats another LUN's");
      }
      String device = check.matches(lun.deviceName, SCST_DEVICE, field + ".deviceName");
      if (!devices.add(device)) {
        throw check.fail(field + ".deviceName repeats another LUN's");
      }
      String lv = check.matches(lun.logicalVolume, LVM_NAME, field + ".logicalVolume");
      DrbdVolume volume = volume(lun, context, field, check);
      LvmLayout lvm = volume.getSpec().lvm;
      String res = check.matches(volume.getSpec().resourceName, DRBD_RESOURCE, field + " volume");
      String vg = check.matches(lvm.volumeGroup, LVM_NAME, field + " volume group");
      boolean known =
          lvm.logicalVolumes != null
              && lvm.logicalVolumes.stream().anyMatch(l -> lv.equals(l.name));
      if (!known) {
        throw check.fail(field + ".logicalVolume is not an LV of DrbdVolume " + lun.volumeRef.name);
      }
      Lun.Handler handler = lun.handler == null ? Lun.Handler.vdisk_fileio : lun.handler;
      out.add(
          new ResolvedLun(
              number,
              "/dev/" + vg + "/" + lv,
              handler,
              device,
              lun.attributes,
              LunIdentity.of(iqn, number),
              res,
              vg));
    }
    return out;
  }

  private static DrbdVolume volume(
      Lun lun, TargetRenderContext context, String field, Check check) {
    String ref = lun.volumeRef == null ? null : lun.volumeRef.name;
    DrbdVolume volume = ref == null ? null : context.volumes().get(ref);
    if (volume == null) {
      throw check.fail(field + ".volumeRef names no known DrbdVolume");
    }
    if (volume.getSpec() == null || volume.getSpec().lvm == null) {
      throw check.fail(field + ".volumeRef: DrbdVolume " + ref + " has no spec.lvm");
    }
    return volume;
  }

  private static Optional<Chap> chap(
      ScstTargetSpec spec, String name, TargetRenderContext context, Check check) {
    if (spec.chapSecretRef == null) {
      return Optional.empty();
    }
    String username =
        secret(context, ScstTargetElements.secretKey(name, ScstTargetElements.CHAP_USER), check);
    String password =
        secret(
            context, ScstTargetElements.secretKey(name, ScstTargetElements.CHAP_PASSWORD), check);
    Optional<String> problem = ScstTargetElements.chapProblem(username, password);
    if (problem.isPresent()) {
      throw check.fail(problem.get());
    }
    return Optional.of(new Chap(username, password));
  }

  private static String secret(TargetRenderContext context, String key, Check check) {
    String value = context.secretValues().get(key);
    if (value == null) {
      throw check.fail("no value for CHAP secret key " + key);
    }
    return value;
  }

  private static String iscsiParameters(List<StonithDevice.Parameter> parameters, Check check) {
    List<String> pairs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (StonithDevice.Parameter p :
        parameters == null ? List.<StonithDevice.Parameter>of() : parameters) {
      check.matches(p.name, PARAMETER_NAME, "spec.iscsiParameters name");
      check.matches(p.value, PARAMETER_VALUE, "spec.iscsiParameters value of " + p.name);
      if (p.value.isEmpty() || p.value.contains(" ")) {
        throw check.fail("spec.iscsiParameters value of " + p.name + " is empty or has a blank");
      }
      if (!seen.add(p.name)) {
        throw check.fail("spec.iscsiParameters " + p.name + " is listed twice");
      }
      pairs.add(p.name + "=" + p.value);
    }
    return String.join(" ", pairs);
  }

  private static Optional<MailTo> mailTo(io.hastorage.operator.api.scst.MailTo mail, Check check) {
    if (mail == null) {
      return Optional.empty();
    }
    String email = check.matches(mail.email, EMAIL, "spec.mailTo.email");
    String subject =
        mail.subject == null
            ? null
            : check.matches(mail.subject, PARAMETER_VALUE, "spec.mailTo.subject");
    return Optional.of(new MailTo(email, subject));
  }

  /** Field checks whose messages name the target. */
  private record Check(String target) {
    String matches(String value, String pattern, String field) {
      if (value == null || !value.matches(pattern)) {
        throw fail(field + " is missing or not allowed");
      }
      return value;
    }

    int range(Integer value, int min, int max, String field) {
      if (value == null || value < min || value > max) {
        throw fail(field + " is missing or outside " + min + ".." + max);
      }
      return value;
    }

    IllegalArgumentException fail(String message) {
      return new IllegalArgumentException("ScstTarget " + target + ": " + message);
    }
  }
}
