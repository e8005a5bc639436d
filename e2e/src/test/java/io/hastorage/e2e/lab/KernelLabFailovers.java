package io.hastorage.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.hastorage.e2e.reliability.ScenarioLog;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.scst.ScstTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failovers on the kernel lab under client I/O. Initiator ia writes a verifiable stream to the
 * OCFS2 file system (src/test/resources/kernel-lab/io-writer.py: sequence-numbered, checksummed,
 * fsync'd records, each acknowledged on ia's own disk only after its fsync returned) while the
 * scenario runs; afterwards every acknowledged record must be on the file system, intact, read back
 * from the device (page cache dropped), and the longest gap between two acknowledgements is the I/O
 * pause the failover caused. Pacemaker alone moves the target: the operator only observes.
 */
final class KernelLabFailovers {

  /** Programs that place or move cluster resources, or change DRBD roles. */
  private static final Set<String> PLACEMENT =
      Set.of("crm_resource", "crm", "pcs", "crm_standby", "crm_attribute", "drbdadm", "cibadmin");

  private static final Pattern VERIFIED =
      Pattern.compile("acked=(\\d+) found=(\\d+) missing=(\\d+) corrupt=(\\d+) pause=([0-9.]+)");

  private final KernelLab lab;
  private final LabOperator operator;
  private final SeedDriver seed;
  private final String mountPoint;
  private int issuedMark;
  private String stream;
  private double started;

  KernelLabFailovers(KernelLab lab, LabOperator operator, SeedDriver seed, String mountPoint) {
    this.lab = lab;
    this.operator = operator;
    this.seed = seed;
    this.mountPoint = mountPoint;
  }

  /**
   * The active target's QEMU process is killed under ia's writes: Pacemaker moves everything to tb;
   * every acknowledged record is intact; status and a Failover Event show tb; the operator placed
   * nothing.
   */
  void activeTargetKilled(ScenarioLog log) throws Exception {
    startWriting("crash");
    lab.crash("ta");
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(KernelLabSeedIT.LOOK_PAUSE)
        .ignoreExceptions()
        .until(() -> "tb".equals(targetRunsOn("tb")));
    awaitAcknowledgements(20);
    double pause = stopAndVerify(log);
    System.out.printf("[kernel lab] crash of ta: I/O paused %.1f s%n", pause);
    log.check("Failover Events", 1, awaitTargetReportedOn("tb").size());
    log.check("DrbdVolume primary", "tb", seed.get(DrbdVolume.class).getStatus().primary);
    log.check(
        "ScstTarget Ready (serving on tb)",
        "True",
        SeedDriver.status(seed.get(ScstTarget.class), "Ready"));
    log.check(
        "ScstTarget Degraded (ta is down)",
        "True",
        SeedDriver.status(seed.get(ScstTarget.class), "Degraded"));
    operatorPlacedNothing(log);
  }

  /** The crashed target boots under ia's writes, rejoins and resyncs; nothing moves back. */
  void crashedTargetReturns(ScenarioLog log) throws Exception {
    startWriting("return");
    lab.boot("ta");
    await()
        .atMost(Duration.ofMinutes(5))
        .pollInterval(KernelLabSeedIT.LOOK_PAUSE)
        .ignoreExceptions()
        .until(() -> operator.run("tb", "cat", "/proc/drbd").contains("ds:UpToDate/UpToDate"));
    seed.untilAllReady(Duration.ofMinutes(5), KernelLabSeedIT.ROUND_PAUSE);
    awaitAcknowledgements(5);
    double pause = stopAndVerify(log);
    System.out.printf("[kernel lab] return of ta: I/O paused %.1f s%n", pause);
    log.check(
        "ta's DRBD",
        true,
        operator.run("ta", "cat", "/proc/drbd").contains("ro:Secondary/Primary"));
    log.check("the target stays on", "tb", targetRunsOn("tb"));
    operatorPlacedNothing(log);
  }

  /**
   * A graceful move: the active node (tb) is put in standby under ia's writes, and Pacemaker moves
   * the target to ta; afterwards tb is brought online again and nothing moves back.
   */
  void gracefulMoveByStandby(ScenarioLog log) throws Exception {
    startWriting("standby");
    operator.run("tb", "crm_attribute", "--node", "tb", "--name", "standby", "--update", "on");
    try {
      await()
          .atMost(Duration.ofMinutes(4))
          .pollInterval(KernelLabSeedIT.LOOK_PAUSE)
          .ignoreExceptions()
          .until(() -> "ta".equals(targetRunsOn("ta")));
      awaitAcknowledgements(20);
      double pause = stopAndVerify(log);
      System.out.printf("[kernel lab] standby of tb: I/O paused %.1f s%n", pause);
      awaitTargetReportedOn("ta");
      log.check("DrbdVolume primary", "ta", seed.get(DrbdVolume.class).getStatus().primary);
      operatorPlacedNothing(log);
    } finally {
      operator.run("tb", "crm_attribute", "--node", "tb", "--name", "standby", "--update", "off");
    }
    seed.untilAllReady(Duration.ofMinutes(4), KernelLabSeedIT.ROUND_PAUSE);
    log.check("resource stickiness keeps the target on", "ta", targetRunsOn("ta"));
  }

  /** Starts ia's write stream named {@code name} and marks where the scenario begins. */
  void startWriting(String name) throws Exception {
    operator.exec(
        "ia",
        Files.readString(Path.of("src/test/resources/kernel-lab/io-writer.py")),
        "sh",
        "-c",
        "cat > /root/io-writer.py");
    stream = name;
    started = Double.parseDouble(operator.run("ia", "date", "+%s.%N").strip());
    operator.run(
        "ia",
        "sh",
        "-c",
        "setsid python3 /root/io-writer.py write \"$1\" \"$2\" </dev/null >/root/io-$3.err 2>&1 &",
        "sh",
        data(),
        acks(),
        name);
    awaitAcknowledgements(5);
    issuedMark = operator.issued().size();
  }

  /** Waits until the stream has {@code more} acknowledgements beyond what it has now. */
  void awaitAcknowledgements(int more) {
    int now = acknowledged();
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(KernelLabSeedIT.LOOK_PAUSE)
        .until(() -> acknowledged() >= now + more);
  }

  /** Stops the stream and checks it: every acknowledged record intact; returns the pause. */
  double stopAndVerify(ScenarioLog log) {
    operator.run("ia", "pkill", "-f", "io-writer.py write");
    operator.run("ia", "sh", "-c", "sync; echo 3 > /proc/sys/vm/drop_caches");
    String verdict =
        operator
            .run(
                "ia",
                "python3",
                "/root/io-writer.py",
                "verify",
                data(),
                acks(),
                String.valueOf(started))
            .strip();
    System.out.printf("[kernel lab] %s: %s%n", stream, verdict);
    Matcher m = VERIFIED.matcher(verdict);
    assertThat(m.find()).as(verdict).isTrue();
    log.holds("acknowledged records were written", Integer.parseInt(m.group(1)) > 10, verdict);
    log.check("acknowledged records missing on the surviving path", "0", m.group(3));
    log.check("records failing their checksum", "0", m.group(4));
    double pause = Double.parseDouble(m.group(5));
    log.holds("I/O pause reported (longest gap between acknowledged writes)", pause > 0, pause);
    return pause;
  }

  /** The commands the operator sent since the stream started placed or moved nothing. */
  void operatorPlacedNothing(ScenarioLog log) {
    List<String> placing =
        operator.issued().subList(issuedMark, operator.issued().size()).stream()
            .filter(c -> PLACEMENT.contains(c.argv().get(0)))
            .map(c -> c.node() + ": " + String.join(" ", c.argv()))
            .toList();
    log.check("placement or role commands the operator sent", List.of(), placing);
  }

  /** Reconciles until the target reports {@code node} active; returns its Failover events. */
  List<Event> awaitTargetReportedOn(String node) {
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(KernelLabSeedIT.ROUND_PAUSE)
        .ignoreExceptions()
        .until(
            () -> {
              seed.round();
              return node.equals(seed.get(ScstTarget.class).getStatus().activeNode);
            });
    return operator.events("Failover");
  }

  /** Where Pacemaker runs the target's group now, as a live target node sees it. */
  String targetRunsOn(String observer) {
    return operator.runsOn(
        observer, "hastorage-target-" + seed.get(ScstTarget.class).getMetadata().getName());
  }

  int acknowledged() {
    String out = operator.exec("ia", "", "sh", "-c", "wc -l < \"$1\"", "sh", acks()).stdout();
    return out.isBlank() ? 0 : Integer.parseInt(out.strip());
  }

  KernelLab lab() {
    return lab;
  }

  private String data() {
    return mountPoint + "/io-" + stream + ".log";
  }

  private String acks() {
    return "/root/io-" + stream + ".acks";
  }
}
