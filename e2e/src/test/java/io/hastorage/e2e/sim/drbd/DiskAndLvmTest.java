package io.hastorage.e2e.sim.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.operator.observe.drbd.DiskSignatures;
import io.hastorage.operator.plan.drbd.LvmReport;
import io.hastorage.operator.plan.lvm.PhysicalVolumes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** blkid/wipefs on the targets' disks and LVM on the Primary's DRBD device. */
class DiskAndLvmTest {

  private final DrbdFixture f = new DrbdFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void blankDiskThenDrbdMetadataAsTheCapturesShowThem() {
    ExecOutcome blkid = f.run("centos01", "blkid", "-p", "-o", "export", "--", "/dev/sdb");
    assertThat(blkid.exitCode()).isEqualTo(2);
    assertThat(blkid.stdoutText()).isEmpty();
    assertThat(f.signatures("centos01", "/dev/sdb").blank()).isTrue();

    f.prepared().ok("centos01", "drbdadm", "create-md", "vg1");

    DiskSignatures md = f.signatures("centos01", "/dev/sdb");
    assertThat(md.filesystemType()).contains("drbd");
    assertThat(md.signatures()).containsExactly("drbd");
    assertThat(f.ok("centos01", "blkid", "-p", "-o", "export", "--", "/dev/sdb").stdoutText())
        .isEqualTo("DEVNAME=/dev/sdb\nVERSION=v08\nTYPE=drbd\nUSAGE=raid\n");
    assertThat(f.ok("centos01", "wipefs", "--no-act", "--parsable", "--", "/dev/sdb").stdoutText())
        .isEqualTo("0xffffff03c,,,drbd\n");
    assertThat(f.signatures("centos02", "/dev/sdb").blank()).isTrue();
  }

  @Test
  void ext4AndLvmSignaturesParse() {
    f.node("centos01").disks().sign("/dev/sdb", DiskSignature.ext4("data1", "3f1c2b9e-5d6a"));
    DiskSignatures ext4 = f.signatures("centos01", "/dev/sdb");
    assertThat(ext4.filesystemType()).contains("ext4");
    assertThat(ext4.label()).contains("data1");
    assertThat(ext4.uuid()).contains("3f1c2b9e-5d6a");

    f.node("centos02").disks().sign("/dev/sdb", DiskSignature.lvm2Member("0aB1cD-2eF3"));
    assertThat(f.ok("centos02", "blkid", "-p", "-o", "export", "--", "/dev/sdb").stdoutText())
        .contains("VERSION=LVM2\\ 001\n");
    assertThat(f.signatures("centos02", "/dev/sdb").filesystemType()).contains("LVM2_member");
  }

  @Test
  void lvmOnThePrimaryOnlyAndReplicatedToTheNextPrimary() {
    f.synced();
    ExecOutcome onSecondary = f.run("centos02", "pvcreate", "/dev/drbd0");
    assertThat(onSecondary.exitCode()).isEqualTo(5);
    assertThat(onSecondary.stderrText()).contains("/dev/drbd0: open failed: Wrong medium type");

    f.ok("centos01", "pvcreate", "/dev/drbd0");
    f.ok("centos01", "vgcreate", "vg1", "/dev/drbd0");
    f.ok("centos01", "lvcreate", "--name", "lv1", "-L", "20G", "vg1");
    assertThat(f.signatures("centos01", "/dev/drbd0").filesystemType()).contains("LVM2_member");
    assertThat(lvs("centos01")).isEqualTo("  vg1|lv1|21474836480\n");
    assertThat(f.ok("centos01", PhysicalVolumes.PROBE.argv().toArray(String[]::new)).stdoutText())
        .isEqualTo("  /dev/drbd0|vg1\n");
    assertThat(lvs("centos02")).isEmpty();

    ExecOutcome grown = f.ok("centos01", "lvextend", "-l", "+100%FREE", "vg1/lv1");
    assertThat(grown.stdoutText()).contains("Logical volume vg1/lv1 successfully resized.");
    assertThat(vgs("centos01")).isEqualTo("  vg1|68715282432|0\n");

    f.ok("centos01", "drbdadm", "secondary", "vg1");
    f.ok("centos02", "drbdadm", "primary", "vg1");
    assertThat(lvs("centos02")).isEqualTo("  vg1|lv1|68715282432\n");
    assertThat(lvs("centos01")).isEmpty();
  }

  @Test
  void lvcreateAllOfTheVgAndLvextendBySize() {
    f.synced();
    f.ok("centos01", "vgcreate", "vg1", "/dev/drbd0");
    ExecOutcome tooBig = f.run("centos01", "lvextend", "-L", "10G", "vg1/lv1");
    assertThat(tooBig.exitCode()).isEqualTo(5);
    f.ok("centos01", "lvcreate", "--name", "lv1", "-L", "10G", "vg1");
    f.ok("centos01", "lvextend", "-L", "30G", "vg1/lv1");
    assertThat(lvs("centos01")).isEqualTo("  vg1|lv1|32212254720\n");
    f.ok("centos01", "pvresize", "/dev/drbd0");
    ExecOutcome full = f.run("centos01", "lvcreate", "--name", "lv2", "-l", "100%VG", "vg1");
    assertThat(full.exitCode()).isEqualTo(5);
    assertThat(full.stderrText()).contains("insufficient free space");
  }

  @Test
  void probesDoNotCountAsMutations() {
    f.synced();
    f.ok("centos01", "vgcreate", "vg1", "/dev/drbd0");
    int before = f.node("centos01").mutatingCommandCount();
    f.signatures("centos01", "/dev/sdb");
    f.signatures("centos01", "/dev/drbd0");
    f.procDrbd("centos01");
    lvs("centos01");
    vgs("centos01");
    f.ok("centos01", PhysicalVolumes.PROBE.argv().toArray(String[]::new));
    assertThat(f.node("centos01").mutatingCommandCount()).isEqualTo(before);
    f.ok("centos01", "lvcreate", "--name", "lv1", "-l", "100%VG", "vg1");
    assertThat(f.node("centos01").mutatingCommandCount()).isEqualTo(before + 1);
  }

  private String lvs(String node) {
    return f.ok(node, LvmReport.LVS.argv().toArray(String[]::new)).stdoutText();
  }

  private String vgs(String node) {
    return f.ok(node, LvmReport.VGS.argv().toArray(String[]::new)).stdoutText();
  }
}
