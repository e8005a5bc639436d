package io.hastorage.operator.plan;

import io.hastorage.operator.node.Command;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The commands a plan enables and starts systemd units with. */
public final class ServiceStart {

  /**
   * systemctl waits for every start job, and each unit may take systemd's own start timeout (90 s
   * by default); enabling a SysV-backed unit (o2cb, open-iscsi) also runs a daemon-reload and
   * update-rc.d. The command default (60 s) would abandon a start that is merely slow.
   */
  public static final Duration TIMEOUT = Duration.ofMinutes(5);

  private ServiceStart() {}

  /**
   * {@code systemctl enable --now}, for native units only (corosync, pacemaker). A SysV-backed unit
   * (o2cb on Debian 12) that is already enabled is not started by it: systemctl hands the enable to
   * systemd-sysv-install and starts nothing (seen on the kernel lab, systemd 252). Use {@link
   * #enable} and {@link #start} for those.
   */
  public static Command enableNow(List<String> units) {
    if (units.isEmpty()) {
      throw new IllegalArgumentException("no unit to enable");
    }
    List<String> argv = new ArrayList<>(List.of("systemctl", "enable", "--now"));
    argv.addAll(units);
    return Command.of(argv).withTimeout(TIMEOUT);
  }

  /** {@code systemctl enable UNIT...}: started at boot. */
  public static Command enable(List<String> units) {
    return systemctl("enable", units);
  }

  /** {@code systemctl start UNIT...}: running now; waits for each start job. */
  public static Command start(List<String> units) {
    return systemctl("start", units);
  }

  private static Command systemctl(String verb, List<String> units) {
    if (units.isEmpty()) {
      throw new IllegalArgumentException("no unit to " + verb);
    }
    List<String> argv = new ArrayList<>(List.of("systemctl", verb));
    argv.addAll(units);
    return Command.of(argv).withTimeout(TIMEOUT);
  }
}
