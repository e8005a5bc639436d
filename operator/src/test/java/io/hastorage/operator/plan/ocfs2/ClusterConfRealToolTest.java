package io.hastorage.operator.plan.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.testing.RealPrerequisites;
import io.hastorage.operator.testing.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered cluster.conf read back by ocfs2-tools' own o2cb tool. o2cb only reads
 * /etc/ocfs2/cluster.conf, so the file is put there inside a private mount namespace (on a tmpfs:
 * the host's /etc/ocfs2 is untouched). Needs root, ocfs2-tools (which ships /etc/ocfs2) and
 * util-linux's unshare: skipped without them, failed instead under CI=true or
 * HASTORAGE_REQUIRE_REAL_TOOLS=1 ({@link RealPrerequisites}).
 */
class ClusterConfRealToolTest {

  @TempDir Path dir;

  @Test
  void o2cbParsesTheRenderedClusterConf() throws Exception {
    RealPrerequisites.require(
        "o2cb reading the rendered cluster.conf",
        RealPrerequisites.missingTools("o2cb", "unshare")
            .or(() -> RealPrerequisites.root("a private mount namespace over /etc/ocfs2"))
            .or(
                () ->
                    Files.isDirectory(Path.of("/etc/ocfs2"))
                        ? Optional.empty()
                        : Optional.of("no /etc/ocfs2 to mount over (ocfs2-tools ships it)")));
    MountDesign seed = InitiatorFixture.seedDesign();
    Path conf = dir.resolve("cluster.conf");
    Files.writeString(conf, InitiatorFiles.clusterConf(seed.o2cb()));

    RealTools.Result result =
        RealTools.run(
            dir,
            List.of(
                "unshare",
                "-m",
                "sh",
                "-c",
                "mount -t tmpfs none /etc/ocfs2 && cp \"$1\" /etc/ocfs2/cluster.conf"
                    + " && o2cb list-nodes \"$2\"",
                "sh",
                conf.toString(),
                seed.o2cb().name()));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("name = drbd01", "ip_address = 10.20.1.21", "number = 0")
        .contains("name = drbd02", "ip_address = 10.20.1.22", "number = 1")
        .contains("ip_port = 7777", "cluster = ocfs2vg1");
  }
}
