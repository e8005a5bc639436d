package io.hastorage.e2e.sim.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.operator.observe.drbd.DiskSignatures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code drbdadm wipe-md}, with the operator's "yes" on stdin, as drbdmeta answers it. */
class WipeMdTest {

  private static final String DRBDMETA = "drbdmeta 0 v08 /dev/sdb internal wipe-md";
  private static final String YES = "yes\n";

  private final DrbdFixture f = new DrbdFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void refusedWhileTheDeviceIsUp() {
    f.upOnBoth();

    ExecOutcome refused = f.runWithStdin("centos01", YES, "drbdadm", "wipe-md", "vg1");

    assertThat(refused.exitCode()).isEqualTo(20);
    assertThat(refused.stderrText())
        .isEqualTo(
            "Device '0' is configured!\n"
                + "Command '"
                + DRBDMETA
                + "' terminated with exit code 20\n");
    assertThat(f.signatures("centos01", "/dev/sdb").signatures()).containsExactly("drbd");
    assertThat(f.fleet.replication().connectionState("centos01", "vg1")).contains("Connected");
  }

  @Test
  void withoutYesOnStdinItAsksAndCancels() {
    f.prepared();
    f.ok("centos01", "drbdadm", "create-md", "vg1");

    for (String stdin : new String[] {"", "yes", "no\n", "yes please\n", "YES\n"}) {
      ExecOutcome cancelled = f.runWithStdin("centos01", stdin, "drbdadm", "wipe-md", "vg1");
      assertThat(cancelled.exitCode()).as("stdin %s", stdin).isEqualTo(1);
      assertThat(cancelled.stdoutText()).isEqualTo("Operation cancelled.\n");
      assertThat(cancelled.stderrText())
          .isEqualTo(
              "\n"
                  + WipeMd.QUESTION
                  + "\n[need to type 'yes' to confirm] \n"
                  + "Command '"
                  + DRBDMETA
                  + "' terminated with exit code 1\n");
    }
    assertThat(f.signatures("centos01", "/dev/sdb").signatures()).containsExactly("drbd");
    assertThat(f.fleet.replication().diskState("centos01", "vg1")).contains("Inconsistent");
  }

  @Test
  void removesTheMetadataThenTheResourceWithItsLastSide() {
    f.prepared();
    f.ok("centos01", "drbdadm", "create-md", "vg1");
    f.ok("centos02", "drbdadm", "create-md", "vg1");

    ExecOutcome wiped = f.runWithStdin("centos01", YES, "drbdadm", "wipe-md", "vg1");

    assertThat(wiped.exitCode()).isZero();
    assertThat(wiped.stdoutText())
        .isEqualTo("Wiping meta data...\nDRBD meta data block successfully wiped out.\n");
    assertThat(wiped.stderrText()).contains(WipeMd.QUESTION);
    assertThat(f.signatures("centos01", "/dev/sdb").blank()).isTrue();
    assertThat(f.fleet.replication().diskState("centos01", "vg1")).isEmpty();
    assertThat(f.fleet.replication().diskState("centos02", "vg1")).contains("Inconsistent");
    assertThat(f.fleet.replication().resourceNames()).containsExactly("vg1");
    ExecOutcome up = f.run("centos01", "drbdadm", "up", "vg1");
    assertThat(up.exitCode()).isEqualTo(10);
    assertThat(up.stderrText()).contains("No valid meta-data signature found.");

    f.okWithStdin("centos02", YES, "drbdadm", "wipe-md", "vg1");

    assertThat(f.fleet.replication().resourceNames()).isEmpty();
    f.ok("centos01", "drbdadm", "create-md", "vg1");
    assertThat(f.fleet.replication().diskState("centos01", "vg1")).contains("Inconsistent");
  }

  @Test
  void afterLvmOnTheDeviceTheBackingDiskShowsThePv() {
    f.upOnBoth();
    f.ok("centos01", "drbdadm", "primary", "--force", "vg1");
    f.ok("centos01", "pvcreate", "/dev/drbd0");
    f.ok("centos01", "vgcreate", "vg1", "/dev/drbd0");
    String pvUuid = f.signatures("centos01", "/dev/drbd0").uuid().orElseThrow();

    f.ok("centos01", "drbdadm", "down", "vg1");
    f.okWithStdin("centos01", YES, "drbdadm", "wipe-md", "vg1");

    ExecOutcome blkid = f.ok("centos01", "blkid", "-p", "-o", "export", "--", "/dev/sdb");
    assertThat(blkid.stdoutText())
        .isEqualTo(
            "DEVNAME=/dev/sdb\nUUID="
                + pvUuid
                + "\nVERSION=LVM2\\ 001\nTYPE=LVM2_member\nUSAGE=raid\n");
    DiskSignatures disk = f.signatures("centos01", "/dev/sdb");
    assertThat(disk.filesystemType()).contains("LVM2_member");
    assertThat(disk.signatures()).containsExactly("LVM2_member");
    assertThat(f.ok("centos01", "wipefs", "--no-act", "--parsable", "--", "/dev/sdb").stdoutText())
        .isEqualTo("0x218," + pvUuid + ",,LVM2_member\n");
    assertThat(f.procDrbd("centos02").connectionState()).isEqualTo("WFConnection");
    ExecOutcome again = f.run("centos01", "drbdadm", "create-md", "vg1");
    assertThat(again.exitCode()).isEqualTo(40);
    assertThat(again.stdoutText()).contains("Found LVM2 physical volume signature");

    f.ok("centos02", "drbdadm", "down", "vg1");
    f.okWithStdin("centos02", YES, "drbdadm", "wipe-md", "vg1");

    assertThat(f.signatures("centos02", "/dev/sdb").filesystemType()).contains("LVM2_member");
    assertThat(f.fleet.replication().resourceNames()).isEmpty();
    assertThat(f.fleet.replication().logicalVolumes("vg1")).isEmpty();
  }

  @Test
  void onADiskWithoutMetadataItChangesNothing() {
    f.prepared();

    ExecOutcome nothing = f.runWithStdin("centos01", YES, "drbdadm", "wipe-md", "vg1");

    assertThat(nothing.exitCode()).isZero();
    assertThat(nothing.stdoutText()).isEmpty();
    assertThat(nothing.stderrText())
        .isEqualTo("There appears to be no drbd meta data to wipe out?\n");
    assertThat(f.signatures("centos01", "/dev/sdb").blank()).isTrue();
  }

  @Test
  void isAMutationAndNeedsTheResourceFile() {
    f.prepared();
    f.ok("centos01", "drbdadm", "create-md", "vg1");
    int before = f.node("centos01").mutatingCommandCount();

    f.okWithStdin("centos01", YES, "drbdadm", "wipe-md", "vg1");

    assertThat(f.node("centos01").mutatingCommandCount()).isEqualTo(before + 1);
    ExecOutcome unknown = f.runWithStdin("centos01", YES, "drbdadm", "wipe-md", "vg9");
    assertThat(unknown.exitCode()).isEqualTo(10);
    assertThat(unknown.stderrText())
        .isEqualTo("'vg9' not defined in your config (for this host).\n");
  }
}
