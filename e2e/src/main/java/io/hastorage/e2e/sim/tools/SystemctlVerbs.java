package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.ServiceUnit;
import io.hastorage.e2e.sim.SimulatedNode;
import java.util.List;
import java.util.Optional;

/**
 * The unit verbs of {@link SystemctlTool}, with systemd's messages: CentOS 7's systemd 219 wording
 * on CentOS 7, systemd 249's elsewhere. A missing unit makes start/stop exit 5 and enable/disable
 * exit 1 without changing anything; a unit that fails to start exits 1.
 */
final class SystemctlVerbs {

  private static final String WANTS = "/etc/systemd/system/multi-user.target.wants/";

  private final ServiceManager manager;
  private final SimulatedNode node;
  private final boolean systemd219;
  private final StringBuilder stderr = new StringBuilder();
  private int exitCode;

  SystemctlVerbs(ServiceManager manager, SimulatedNode node) {
    this.manager = manager;
    this.node = node;
    this.systemd219 = node.distro().osRelease().contains("VERSION_ID=\"7\"");
  }

  /** {@code start}, {@code stop} or {@code restart} of each unit in turn. */
  ExecOutcome startStop(String verb, List<String> units) {
    for (String unit : units) {
      String id = ServiceUnit.unitId(unit);
      if (node.services().get(id).isEmpty()) {
        fail(5, missingUnit(verb, id));
        continue;
      }
      if (verb.equals("stop")) {
        manager.stop(node, id);
      } else {
        Optional<ServiceManager.StartFailure> failure =
            verb.equals("start") ? manager.start(node, id) : manager.restart(node, id);
        failure.ifPresent(f -> fail(1, jobFailed(id, f)));
      }
    }
    return outcome();
  }

  /** {@code enable}/{@code disable} of all units (none when one is missing), then --now. */
  ExecOutcome enableDisable(String verb, List<String> units, boolean now) {
    boolean enable = verb.equals("enable");
    for (String unit : units) {
      String id = ServiceUnit.unitId(unit);
      if (node.services().get(id).isEmpty()) {
        fail(1, missingUnitFile(verb, id));
        return outcome();
      }
    }
    for (String unit : units) {
      setUnitFileState(ServiceUnit.unitId(unit), enable);
    }
    return now ? startStop(enable ? "start" : "stop", units) : outcome();
  }

  private void setUnitFileState(String id, boolean enable) {
    ServiceUnit unit = node.services().get(id).orElseThrow();
    boolean enabled = unit.unitFileState().equals("enabled");
    if (enable == enabled) {
      return;
    }
    node.services().put(new ServiceUnit(id, unit.activeState(), enable ? "enabled" : "disabled"));
    if (enable) {
      stderr.append(symlinkCreated(id));
    } else {
      stderr.append(systemd219 ? "Removed symlink " : "Removed ").append(WANTS + id).append(".\n");
    }
  }

  private String symlinkCreated(String id) {
    String target = (systemd219 ? "/usr/lib/systemd/system/" : "/lib/systemd/system/") + id;
    return systemd219
        ? "Created symlink from " + WANTS + id + " to " + target + ".\n"
        : "Created symlink " + WANTS + id + " \u2192 " + target + ".\n";
  }

  private String missingUnit(String verb, String id) {
    if (verb.equals("stop")) {
      return "Failed to stop " + id + ": Unit " + id + " not loaded.\n";
    }
    String unit = systemd219 ? "Unit" : "Unit " + id;
    return "Failed to " + verb + " " + id + ": " + unit + " not found.\n";
  }

  private String missingUnitFile(String verb, String id) {
    return systemd219
        ? "Failed to execute operation: No such file or directory\n"
        : "Failed to " + verb + " unit: Unit file " + id + " does not exist.\n";
  }

  private String jobFailed(String id, ServiceManager.StartFailure failure) {
    String message;
    if (failure.dependency()) {
      message = "A dependency job for " + id + " failed. See 'journalctl -xe' for details.\n";
    } else {
      message =
          "Job for "
              + id
              + " failed because the control process exited with error code."
              + (systemd219 ? " " : "\n")
              + "See \"systemctl status "
              + id
              + "\" and \"journalctl -xe\" for details.\n";
    }
    String journal = failure.journal();
    return message + journal + (journal.isEmpty() || journal.endsWith("\n") ? "" : "\n");
  }

  private void fail(int code, String message) {
    stderr.append(message);
    if (exitCode == 0) {
      exitCode = code;
    }
  }

  private ExecOutcome outcome() {
    return ExecOutcome.of(exitCode, "", stderr.toString());
  }
}
