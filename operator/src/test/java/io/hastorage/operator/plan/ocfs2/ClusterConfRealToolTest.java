package io.hastorage.operator.plan.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hastorage.operator.testing.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered cluster.conf read back by ocfs2-tools' own o2cb tool. o2cb only reads
 * /etc/ocfs2/cluster.conf, so the file is put there inside a private mount namespace (on a tmpfs:
 * the host's /etc/ocfs2 is untouched). Needs root and util-linux's unshare.
 */
class ClusterConfRealToolTest {

  @TempDir Path dir;

  @Test
  void o2cbParsesTheRenderedClusterConf() throws Exception {
    assumeTrue(RealTools.available("o2cb"), "ocfs2-tools not installed");
    assumeTrue(
        "root".equals(System.getProperty("user.name")) && Files.isDirectory(Path.of("/etc/ocfs2")),
        "needs root and /etc/ocfs2");
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
