package io.hastorage.operator.plan.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.initiator.IscsiSession;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.FactsBuilder;
import org.junit.jupiter.api.Test;

/** The initiator probe's readers on the kernel lab's real answers, item by item. */
class InitiatorProbeTest {

  private static final String RECIPE = "kernel-lab/recipe/";
  private static final String DEVICE = "/dev/vda";

  @Test
  void readsTheRealSessionsMapMountAndDeviceSize() {
    NodeFacts facts =
        new FactsBuilder("ini")
            .section(
                InitiatorProbe.SESSIONS.name(),
                0,
                Captured.read(RECIPE + "ini-iscsiadm-session-P3.txt"))
            .section(
                InitiatorProbe.MULTIPATH.name(), 0, Captured.read(RECIPE + "ini-multipath-ll.txt"))
            .section(
                InitiatorProbe.MOUNTS.name(),
                0,
                Captured.read(RECIPE + "ini-proc-mounts-ocfs2-lines.txt"))
            .section(
                InitiatorProbe.deviceSize(DEVICE).name(),
                0,
                Captured.read("kernel-lab/drbd-lab/ta-blockdev-getsize64-vda.txt"))
            .build();

    assertThat(InitiatorProbe.sessions(facts).orElseThrow())
        .extracting(IscsiSession::portal)
        .containsExactly("10.0.0.100:3260", "10.0.1.100:3260");
    assertThat(InitiatorProbe.multipath(facts).orElseThrow())
        .singleElement()
        .satisfies(m -> assertThat(m.alias()).isEqualTo("mpatha"));
    assertThat(InitiatorProbe.mountAt(facts, "/mnt/ocfs2").orElseThrow().type()).isEqualTo("ocfs2");
    assertThat(InitiatorProbe.deviceSize(facts, DEVICE)).contains(128L * 1024 * 1024);
  }

  /** iscsiadm's exit 21 ("No active sessions") is an answer: none, not unknown. */
  @Test
  void noActiveSessionsIsAnEmptyAnswer() {
    NodeFacts facts =
        new FactsBuilder("ini")
            .section(InitiatorProbe.SESSIONS.name(), 21, "") // the message goes to stderr
            .build();

    assertThat(InitiatorProbe.sessions(facts)).hasValue(java.util.List.of());
  }
}
