package io.hastorage.operator.plan.prereq;

import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.PrerequisitesSpec;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.OsInfo;
import java.util.List;

/** What one node lacks. Pure: computed from the spec and the node's facts. */
public record PrerequisiteReport(
    String node,
    boolean supportedOs,
    List<PackageRequirement> missingPackages,
    List<String> missingModules) {

  public static PrerequisiteReport of(NodeRole role, PrerequisitesSpec spec, NodeFacts facts) {
    OsInfo.Family family = facts.os().family();
    List<PackageRequirement> missing =
        PrerequisiteCatalog.packages(family, role, spec).stream()
            .filter(r -> r.anyOf().stream().noneMatch(facts::hasPackage))
            .toList();
    List<String> modules =
        PrerequisiteCatalog.modules(role, spec).stream()
            .filter(m -> !facts.moduleLoaded(m))
            .toList();
    return new PrerequisiteReport(
        facts.nodeName(), family != OsInfo.Family.UNKNOWN, missing, modules);
  }

  public boolean satisfied() {
    return supportedOs && missingPackages.isEmpty() && missingModules.isEmpty();
  }

  /** E.g. "packages drbd-utils, corosync; modules drbd". */
  public String describe() {
    if (!supportedOs) {
      return "unsupported OS (only Debian/Ubuntu and RHEL/CentOS families are known)";
    }
    StringBuilder text = new StringBuilder();
    if (!missingPackages.isEmpty()) {
      text.append("packages ")
          .append(
              String.join(
                  ", ", missingPackages.stream().map(PackageRequirement::display).toList()));
    }
    if (!missingModules.isEmpty()) {
      text.append(text.length() > 0 ? "; " : "")
          .append("modules ")
          .append(String.join(", ", missingModules));
    }
    return text.toString();
  }
}
