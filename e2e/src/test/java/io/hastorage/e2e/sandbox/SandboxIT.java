package io.hastorage.e2e.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's sandbox command, end to end: the operator wired as shipped, Ready, then steady. */
class SandboxIT {

  @Test
  void theSandboxConvergesTheExampleAndStaysSteady() throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    Path repoRoot = Path.of(System.getProperty("hastorage.repoRoot", ".."));

    int code =
        SandboxMain.run(repoRoot, false, new PrintStream(buffer, true, StandardCharsets.UTF_8));

    String output = buffer.toString(StandardCharsets.UTF_8);
    assertThat(code).as(output).isZero();
    assertThat(output)
        .contains("StorageCluster vg1-cluster  Ready=True  Ready: quorate, DC")
        .contains("DrbdVolume vg1  Ready=True  Ready: Primary on centos01, UpToDate, VG vg1 active")
        .contains("DrbdVolume vg1  Degraded=True  InitialSync:")
        .contains("Serving before redundant: all Ready while DrbdVolume vg1 Degraded=InitialSync")
        .contains("DrbdVolume vg1  Degraded=False  Redundant:")
        .contains(
            "StorageCluster vg1-cluster, DrbdVolume vg1, ScstTarget vg1-target and Ocfs2Mount"
                + " shared: Ready after")
        .contains("Ocfs2Mount shared  Ready=True  Ready: mounted on 2/2 initiators")
        .containsOnlyOnce("mkfs.ocfs2 -L vg1shared")
        .contains("drbd01    mount /srv/shared")
        .contains("drbd02    mount /srv/shared")
        .contains("centos01  drbdadm primary --force vg1")
        .contains("centos01  volume 0  Primary   Connected  UpToDate/UpToDate")
        .contains("centos01  yum install -y drbd-utils corosync pacemaker pcs resource-agents")
        .contains("drbd01    modprobe -a iscsi_tcp dm_multipath")
        .contains("ScstTarget vg1-target  Ready=True  Ready: serving on centos01")
        .contains("changes {centos01=0, drbd01=0, centos02=0, drbd02=0}")
        .contains("status written: no -> converged, nothing to do")
        .contains("/metrics");
  }
}
