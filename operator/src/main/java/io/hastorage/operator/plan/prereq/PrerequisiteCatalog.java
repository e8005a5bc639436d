package io.hastorage.operator.plan.prereq;

import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.PrerequisitesSpec;
import io.hastorage.operator.observe.OsInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The packages and kernel modules each role needs, per distribution family. Targets need DRBD, the
 * cluster stack and LVM; initiators need open-iscsi, multipath and the OCFS2 tools. SCST is not
 * packaged by the distributions, so its checks belong to the ScstTarget component.
 */
public final class PrerequisiteCatalog {

  private static final List<PackageRequirement> DEBIAN_TARGET =
      List.of(
          PackageRequirement.of("drbd-utils"),
          PackageRequirement.of("corosync"),
          PackageRequirement.of("pacemaker"),
          PackageRequirement.of("pacemaker-cli-utils"),
          PackageRequirement.of("crmsh", "pcs"),
          PackageRequirement.of("resource-agents"),
          PackageRequirement.of("lvm2"));
  private static final List<PackageRequirement> RHEL_TARGET =
      List.of(
          PackageRequirement.of("drbd-utils", "drbd90-utils", "drbd84-utils"),
          PackageRequirement.of("corosync"),
          PackageRequirement.of("pacemaker"),
          PackageRequirement.of("pcs", "crmsh"),
          PackageRequirement.of("resource-agents"),
          PackageRequirement.of("lvm2"));
  private static final List<PackageRequirement> DEBIAN_INITIATOR =
      List.of(
          PackageRequirement.of("open-iscsi"),
          PackageRequirement.of("multipath-tools"),
          PackageRequirement.of("ocfs2-tools"));
  private static final List<PackageRequirement> RHEL_INITIATOR =
      List.of(
          PackageRequirement.of("iscsi-initiator-utils"),
          PackageRequirement.of("device-mapper-multipath"),
          PackageRequirement.of("ocfs2-tools"));

  private static final List<String> TARGET_MODULES = List.of("drbd");
  private static final List<String> INITIATOR_MODULES = List.of("iscsi_tcp", "dm_multipath");

  private PrerequisiteCatalog() {}

  /** Package requirements for a node, after the spec's extras and skips. */
  public static List<PackageRequirement> packages(
      OsInfo.Family family, NodeRole role, PrerequisitesSpec spec) {
    List<PackageRequirement> base =
        switch (family) {
          case DEBIAN -> role == NodeRole.Target ? DEBIAN_TARGET : DEBIAN_INITIATOR;
          case RHEL -> role == NodeRole.Target ? RHEL_TARGET : RHEL_INITIATOR;
          case UNKNOWN -> List.of();
        };
    List<PackageRequirement> result = new ArrayList<>();
    for (PackageRequirement requirement : base) {
      if (requirement.anyOf().stream().noneMatch(spec.skip::contains)) {
        result.add(requirement);
      }
    }
    spec.extraPackages.forEach(name -> result.add(PackageRequirement.of(name)));
    return result;
  }

  public static List<String> modules(NodeRole role, PrerequisitesSpec spec) {
    List<String> modules =
        new ArrayList<>(role == NodeRole.Target ? TARGET_MODULES : INITIATOR_MODULES);
    if (role == NodeRole.Target) {
      modules.addAll(spec.extraTargetModules);
    }
    modules.removeIf(spec.skip::contains);
    return modules;
  }

  /** Every package name the probe should ask about, before the node's distro is known. */
  public static Set<String> packagesToQuery(NodeRole role, PrerequisitesSpec spec) {
    Set<String> names = new TreeSet<>();
    for (OsInfo.Family family : OsInfo.Family.values()) {
      packages(family, role, spec).forEach(r -> names.addAll(r.anyOf()));
    }
    return names;
  }
}
