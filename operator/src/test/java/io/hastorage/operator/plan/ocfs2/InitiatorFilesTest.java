package io.hastorage.operator.plan.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.testing.Captured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The initiator's files for the seed, against reviewed golden copies. */
class InitiatorFilesTest {

  private static final MountDesign SEED = InitiatorFixture.seedDesign();

  static String golden(String name, String rendered) throws IOException {
    if ("1".equals(System.getenv("HASTORAGE_UPDATE_GOLDEN"))) {
      Files.writeString(Path.of("src/test/resources/golden/ocfs2", name), rendered);
    }
    return Captured.read("../golden/ocfs2/" + name);
  }

  @Test
  void multipathDropInGroupsByAluaPriorityAndBoundsQueueing() throws IOException {
    String dropIn = InitiatorFiles.multipathDropIn(SEED);

    assertThat(InitiatorFiles.multipathDropInPath(SEED))
        .isEqualTo("/etc/multipath/conf.d/hastorage-storage-shared.conf");
    assertThat(dropIn).isEqualTo(golden("multipath-drop-in.conf", dropIn));
    assertThat(dropIn)
        .contains(
            "path_grouping_policy group_by_prio",
            "prio alua",
            "failback immediate",
            "no_path_retry 12")
        .doesNotContain("queue_if_no_path");
  }

  @Test
  void clusterConfListsEveryInitiatorOnTheO2cbNetwork() throws IOException {
    String conf = InitiatorFiles.clusterConf(SEED.o2cb());

    assertThat(conf).isEqualTo(golden("cluster.conf", conf));
  }

  @Test
  void o2cbDefaultsCarryTheHeartbeatThreshold() throws IOException {
    String defaults = InitiatorFiles.o2cbDefaults(SEED.o2cb());

    assertThat(defaults).isEqualTo(golden("o2cb", defaults));
  }

  @Test
  void initiatorNameIsReadFromItsFile() {
    assertThat(
            InitiatorFiles.initiatorName(
                "## DO NOT EDIT\nInitiatorName=iqn.1993-08.org.debian:01:ab\n"))
        .isEqualTo("iqn.1993-08.org.debian:01:ab");
    assertThat(InitiatorFiles.initiatorName("InitiatorName=\n")).isNull();
  }
}
