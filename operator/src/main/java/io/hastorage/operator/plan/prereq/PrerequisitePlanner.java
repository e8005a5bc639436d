package io.hastorage.operator.plan.prereq;

import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.PrerequisitesSpec;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.OsInfo;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Installs missing packages with the node's own package manager and loads missing kernel modules,
 * persistently through a modules-load.d drop-in. Only when the spec sets install: true; otherwise
 * it plans nothing and the report names what is missing.
 */
public final class PrerequisitePlanner {

  public static final String MODULES_LOAD_FILE = "/etc/modules-load.d/ha-iscsi-operator.conf";
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(15);

  private PrerequisitePlanner() {}

  public static List<Step> plan(NodeRole role, PrerequisitesSpec spec, NodeFacts facts) {
    if (!spec.installOrDefault()) {
      return List.of();
    }
    PrerequisiteReport report = PrerequisiteReport.of(role, spec, facts);
    if (!report.supportedOs()) {
      return List.of();
    }
    List<Step> steps = new ArrayList<>();
    if (!report.missingPackages().isEmpty()) {
      List<String> names =
          report.missingPackages().stream().map(PackageRequirement::preferred).toList();
      steps.add(
          Step.of(
              facts.nodeName(),
              "install packages " + String.join(" ", names),
              new Action.RunCommand(installCommand(facts.os(), names))));
    }
    List<String> modules = PrerequisiteCatalog.modules(role, spec);
    if (!modules.isEmpty()) {
      ManagedFiles.writeIfChanged(
              facts,
              MODULES_LOAD_FILE,
              modulesLoadFile(modules),
              "0644",
              "load kernel modules at boot: " + String.join(" ", modules))
          .ifPresent(steps::add);
    }
    if (!report.missingModules().isEmpty()) {
      List<String> argv = new ArrayList<>(List.of("modprobe", "-a"));
      argv.addAll(report.missingModules());
      steps.add(
          Step.of(
              facts.nodeName(),
              "load kernel modules " + String.join(" ", report.missingModules()),
              new Action.RunCommand(Command.of(argv))));
    }
    return steps;
  }

  static String modulesLoadFile(List<String> modules) {
    StringBuilder text = new StringBuilder(ManagedFiles.header("#"));
    modules.stream().sorted().forEach(m -> text.append(m).append('\n'));
    return text.toString();
  }

  static Command installCommand(OsInfo os, List<String> packages) {
    List<String> argv = new ArrayList<>();
    if (os.family() == OsInfo.Family.DEBIAN) {
      argv.addAll(
          List.of(
              "env",
              "DEBIAN_FRONTEND=noninteractive",
              "apt-get",
              "install",
              "-y",
              "-q",
              "--no-install-recommends"));
    } else {
      argv.addAll(List.of(os.majorVersion() >= 8 ? "dnf" : "yum", "install", "-y"));
    }
    argv.addAll(packages);
    return Command.of(argv).withTimeout(INSTALL_TIMEOUT);
  }
}
