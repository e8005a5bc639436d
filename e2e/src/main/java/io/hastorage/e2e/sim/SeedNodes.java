package io.hastorage.e2e.sim;

import static io.hastorage.e2e.sim.ServiceUnit.disabledInactive;
import static io.hastorage.e2e.sim.ServiceUnit.enabledActive;
import static io.hastorage.e2e.sim.ServiceUnit.enabledInactive;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The two kinds of machine in the seed topology, freshly installed: base system only, storage
 * packages in the repository but not installed, storage modules available but not loaded.
 */
public final class SeedNodes {

  /** The targets' blank backing disk for DRBD. */
  public static final String TARGET_DISK = "/dev/sdb";

  /** Its size: 64 GiB. */
  public static final long TARGET_DISK_BYTES = 64L << 30;

  /** Kernel version of the DRBD module on the targets, as /proc/drbd shows it. */
  public static final String DRBD_KERNEL_VERSION = "8.4.11";

  /** Where the seed put the scst-ocf agents (SCST and its agents are built from source). */
  public static final String SCST_OCF_DIR = "/usr/lib/ocf/resource.d/scst";

  private static final String SCST_OCF_AGENT =
      "#!/bin/sh\n# scst-ocf agent, installed by hand as the seed does (simulated: never run)\n";

  /** open-iscsi's initiator name file, which exists on the initiators from the start. */
  public static final String INITIATOR_NAME_FILE = "/etc/iscsi/initiatorname.iscsi";

  private SeedNodes() {}

  /** A CentOS 7 storage target (DRBD, Pacemaker/Corosync, SCST), yum-managed. */
  public static SimulatedNode centosTarget(String name) {
    return SimulatedNode.builder(name, Distro.centos7())
        .repository(
            SimulatedPackage.of("drbd-utils", "9.22.0-1.el7", disabledInactive("drbd")),
            SimulatedPackage.of("corosync", "3.1.7-1.el7", disabledInactive("corosync")),
            SimulatedPackage.of("pacemaker", "2.1.5-1.el7", disabledInactive("pacemaker")),
            SimulatedPackage.of("pcs", "0.10.14-1.el7", disabledInactive("pcsd")),
            SimulatedPackage.of("crmsh", "4.4.1-1.el7"),
            SimulatedPackage.of("resource-agents", "4.12.0-1.el7"),
            SimulatedPackage.of("lvm2", "7:2.03.16-1.el7", enabledActive("lvm2-monitor")),
            SimulatedPackage.of("openssh-server", "7.4p1-23.el7_9", enabledActive("sshd")),
            SimulatedPackage.of("systemd", "219-78.el7_9.9"),
            SimulatedPackage.of("sudo", "1.8.23-10.el7_9.3"),
            SimulatedPackage.of("kmod", "20-28.el7"))
        .installed("lvm2", "openssh-server", "systemd", "sudo", "kmod")
        .availableModules(
            KernelModule.versioned("drbd", DRBD_KERNEL_VERSION, "lru_cache", "libcrc32c"),
            KernelModule.of("lru_cache"),
            KernelModule.of("libcrc32c"),
            KernelModule.of("dm_mod"),
            KernelModule.versioned("scst", "3.5.0"),
            KernelModule.of("scst_vdisk", "scst"),
            KernelModule.of("iscsi_scst", "scst"))
        .loadedModules("dm_mod")
        .disk(TARGET_DISK, TARGET_DISK_BYTES)
        .file(SCST_OCF_DIR + "/SCSTTarget", SCST_OCF_AGENT, "0755")
        .file(SCST_OCF_DIR + "/SCSTLun", SCST_OCF_AGENT, "0755")
        .build();
  }

  /** An Ubuntu 22.04 initiator (open-iscsi, multipath, OCFS2), apt-managed. */
  public static SimulatedNode ubuntuInitiator(String name) {
    return SimulatedNode.builder(name, Distro.ubuntu2204())
        .repository(
            SimulatedPackage.of(
                "open-iscsi",
                "2.1.8-1ubuntu1",
                enabledInactive("open-iscsi"),
                disabledInactive("iscsid")),
            SimulatedPackage.of(
                "multipath-tools", "0.8.8-1ubuntu1.22.04.4", enabledActive("multipathd")),
            SimulatedPackage.of(
                "ocfs2-tools", "1.8.7-1build1", enabledInactive("o2cb"), enabledInactive("ocfs2")),
            SimulatedPackage.of("lvm2", "2.03.11-2.1ubuntu4", enabledActive("lvm2-monitor")),
            SimulatedPackage.of("openssh-server", "1:8.9p1-3ubuntu0.7", enabledActive("ssh")),
            SimulatedPackage.of("systemd", "249.11-0ubuntu3.12"),
            SimulatedPackage.of("sudo", "1.9.9-1ubuntu2.4"),
            SimulatedPackage.of("kmod", "29-1ubuntu1"))
        .installed("lvm2", "openssh-server", "systemd", "sudo", "kmod")
        .availableModules(
            KernelModule.of("iscsi_tcp", "libiscsi_tcp", "libiscsi", "scsi_transport_iscsi"),
            KernelModule.of("libiscsi_tcp", "libiscsi"),
            KernelModule.of("libiscsi", "scsi_transport_iscsi"),
            KernelModule.of("scsi_transport_iscsi"),
            KernelModule.of("dm_mod"),
            KernelModule.of("dm_multipath", "dm_mod"),
            KernelModule.of("ocfs2", "ocfs2_stackglue", "ocfs2_nodemanager"),
            KernelModule.of("ocfs2_stackglue"),
            KernelModule.of("ocfs2_nodemanager"),
            KernelModule.of("ocfs2_dlm", "ocfs2_nodemanager"),
            KernelModule.of(
                "ocfs2_stack_o2cb", "ocfs2_stackglue", "ocfs2_dlm", "ocfs2_nodemanager"),
            KernelModule.of("ocfs2_dlmfs", "ocfs2_stackglue", "ocfs2_dlm", "ocfs2_nodemanager"))
        .loadedModules("dm_mod")
        .file(INITIATOR_NAME_FILE, initiatorNameFile(name), "0600")
        .file("/etc/fstab", fstab(name), "0644")
        .build();
  }

  /** {@code iqn.2004-10.com.ubuntu:01:} and 12 hex digits of sha256(node name). */
  public static String initiatorName(String node) {
    return "iqn.2004-10.com.ubuntu:01:" + sha256(node).substring(0, 12);
  }

  /** Ubuntu's file, as open-iscsi's postinst writes it (the name is random there). */
  private static String initiatorNameFile(String node) {
    return "## DO NOT EDIT OR REMOVE THIS FILE!\n"
        + "## If you remove this file, the iSCSI daemon will not start.\n"
        + "## If you change the InitiatorName, existing access control lists\n"
        + "## may reject this initiator.  The InitiatorName must be unique\n"
        + "## for each iSCSI initiator.  Do NOT duplicate iSCSI InitiatorNames.\n"
        + "InitiatorName="
        + initiatorName(node)
        + "\n";
  }

  /** The installer's /etc/fstab: the root file system by UUID. */
  private static String fstab(String node) {
    String uuid =
        UUID.nameUUIDFromBytes(("root-" + node).getBytes(StandardCharsets.UTF_8)).toString();
    return "# /etc/fstab: static file system information.\n"
        + "#\n"
        + "# Use 'blkid' to print the universally unique identifier for a\n"
        + "# device; this may be used with UUID= as a more robust way to name devices\n"
        + "# that works even if disks are added and removed. See fstab(5).\n"
        + "#\n"
        + "# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n"
        + "UUID="
        + uuid
        + " /               ext4    errors=remount-ro 0       1\n";
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }
}
