package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.drbd.DiskProbe;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.Examples;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One seed initiator in a chosen state, built up in the order the operator converges it:
 * configured, node records, sessions, a multipath map, the device's content, mounted. The probe
 * sections are those {@link InitiatorProbe} asks for, in the real tools' formats; sessions and the
 * multipath map are the kernel lab's real output with the target's names put in.
 */
final class InitiatorFixture {

  static final String WWID = "36001405f00dfeedbeefcafe01234567";
  static final String DEVICE = InitiatorFiles.device(WWID);
  static final String UUID = "a0fbc6d6-0ae6-41dd-9b93-298d58040d32";
  static final String FSTAB = "UUID=1b2c / ext4 errors=remount-ro 0 1\n";

  private static final String KERNEL_LAB = "kernel-lab/recipe/";
  private static final String LAB_IQN = "iqn.2024-01.lab.ha:r0";
  private static final String LAB_WWID = "360014055e1f0c2a0d0b4d5e9a6b00000";

  private final MountDesign design;
  private final String node;
  private final FactsBuilder facts;
  private boolean recorded;
  private boolean loggedIn;
  private boolean mapped;
  private boolean mounted;
  private String fstab = FSTAB;
  private final Map<String, Object[]> overrides = new java.util.LinkedHashMap<>();

  InitiatorFixture(MountDesign design, String node) {
    this.design = design;
    this.node = node;
    this.facts = new FactsBuilder(node).os(FactsBuilder.DEBIAN_12);
    facts.content(
        InitiatorFiles.INITIATOR_NAME, "InitiatorName=iqn.2004-10.com.ubuntu:01:" + node + "\n");
  }

  static MountDesign seedDesign() {
    return seedDesign(m -> {});
  }

  static MountDesign seedDesign(java.util.function.Consumer<Ocfs2Mount> change) {
    var seed = Examples.seed();
    Ocfs2Mount mount = Manifests.ofKind(seed, Ocfs2Mount.class).get(0);
    mount.getMetadata().setNamespace("storage");
    change.accept(mount);
    StorageCluster cluster = Manifests.ofKind(seed, StorageCluster.class).get(0);
    ScstTarget target = Manifests.ofKind(seed, ScstTarget.class).get(0);
    return MountDesigns.resolve(mount, cluster.getSpec(), target, Optional.empty())
        .design()
        .orElseThrow();
  }

  /** Drop-in, cluster.conf and o2cb settings in place; every service enabled and running. */
  InitiatorFixture configured() {
    file(InitiatorFiles.multipathDropInPath(design), InitiatorFiles.multipathDropIn(design));
    file(InitiatorFiles.CLUSTER_CONF, InitiatorFiles.clusterConf(design.o2cb()));
    file(InitiatorFiles.O2CB_DEFAULTS_DEBIAN, InitiatorFiles.o2cbDefaults(design.o2cb()));
    for (String unit : Ocfs2MountPlanner.units(FactsBuilder.DEBIAN_12)) {
      facts.service(unit, "active", "enabled");
    }
    return this;
  }

  InitiatorFixture service(String unit, String active, String enabled) {
    facts.service(unit, active, enabled);
    return this;
  }

  /** A record per portal with the wanted settings. */
  InitiatorFixture recorded() {
    recorded = true;
    return this;
  }

  InitiatorFixture loggedIn() {
    loggedIn = true;
    return this;
  }

  InitiatorFixture mapped() {
    mapped = true;
    return this;
  }

  /** The device as blkid -p / wipefs --parsable print it. */
  InitiatorFixture device(String blkidExport, int blkidExit, String wipefs) {
    String blkidItem =
        DiskProbe.request(DEVICE).items().keySet().stream()
            .filter(k -> k.startsWith("blkid"))
            .findFirst()
            .orElseThrow();
    String wipefsItem =
        DiskProbe.request(DEVICE).items().keySet().stream()
            .filter(k -> k.startsWith("wipefs"))
            .findFirst()
            .orElseThrow();
    facts.section(blkidItem, blkidExit, blkidExport);
    facts.section(wipefsItem, 0, wipefs);
    return this;
  }

  InitiatorFixture blank() {
    return device("", 2, "");
  }

  InitiatorFixture ocfs2(String label, String uuid) {
    return device(
        "DEVNAME="
            + DEVICE
            + "\nLABEL="
            + label
            + "\nUUID="
            + uuid
            + "\nVERSION=0.90\nBLOCK_SIZE=4096\nTYPE=ocfs2\nUSAGE=filesystem\n",
        0,
        "0x2000," + uuid + "," + label + ",ocfs2\n");
  }

  InitiatorFixture ext4() {
    return device(
        "DEVNAME=" + DEVICE + "\nUUID=5e1f\nBLOCK_SIZE=4096\nTYPE=ext4\nUSAGE=filesystem\n",
        0,
        "0x438,5e1f,,ext4\n");
  }

  InitiatorFixture fstab(String content) {
    fstab = content;
    return this;
  }

  /** The fstab entry in place and the file system mounted. */
  InitiatorFixture mounted() {
    mounted = true;
    fstab =
        InitiatorFiles.fstabWith(
            fstab, InitiatorFiles.fstabMarker(design), InitiatorFiles.fstabEntry(design, WWID));
    return this;
  }

  /** A section that replaces the fixture's own for that item (the probe parser keeps the last). */
  InitiatorFixture section(String name, int exit, String output) {
    overrides.put(name, new Object[] {exit, output});
    return this;
  }

  NodeFacts build() {
    StringBuilder list = new StringBuilder();
    for (String portal : design.portals()) {
      if (recorded) {
        list.append(portal).append(",1 ").append(design.iqn()).append('\n');
        StringBuilder record =
            new StringBuilder("# BEGIN RECORD 2.1.8\nnode.name = " + design.iqn() + "\n");
        IscsiPlanner.wantedSettings(design)
            .forEach((k, v) -> record.append(k).append(" = ").append(v).append('\n'));
        record.append("# END RECORD\n");
        facts.section(InitiatorProbe.record(design.iqn(), portal).name(), 0, record.toString());
      } else {
        facts.section(
            InitiatorProbe.record(design.iqn(), portal).name(), 21, "iscsiadm: No records found\n");
      }
    }
    facts.section(
        InitiatorProbe.NODES.name(),
        recorded ? 0 : 21,
        recorded ? list.toString() : "iscsiadm: No records found\n");
    facts.section(
        InitiatorProbe.DISCOVERY_DB.name(),
        recorded ? 0 : 21,
        recorded ? design.portals().get(0) + " via sendtargets\n" : "");
    facts.section(
        InitiatorProbe.SESSIONS.name(),
        loggedIn ? 0 : 21,
        loggedIn ? sessions() : "iscsiadm: No active sessions.\n");
    facts.section(InitiatorProbe.MULTIPATH.name(), 0, mapped ? multipath() : "");
    facts.section(
        InitiatorProbe.MOUNTS.name(),
        0,
        "proc /proc proc rw 0 0\n/dev/sda1 / ext4 rw,relatime 0 0\n"
            + (mounted
                ? Captured.read(KERNEL_LAB + "ini-proc-mounts-ocfs2-lines.txt")
                    .replace(
                        "/dev/mapper/mpatha /mnt/ocfs2",
                        "/dev/mapper/" + WWID + " " + design.mountPoint())
                : ""));
    facts.content(InitiatorFiles.FSTAB, fstab);
    overrides.forEach((name, v) -> facts.section(name, (Integer) v[0], (String) v[1]));
    return facts.build();
  }

  /**
   * The kernel lab initiator's real {@code iscsiadm -m session -P 3} (two portals, LUN 0 on sda and
   * sdb), moved to the design's target and portals.
   */
  private String sessions() {
    List<String> portals = design.portals();
    if (portals.size() != 2) {
      throw new IllegalStateException("the captured sessions have two portals: " + portals);
    }
    return Captured.read(KERNEL_LAB + "ini-iscsiadm-session-P3.txt")
        .replace(LAB_IQN, design.iqn())
        .replace("10.0.0.100:3260", portals.get(0))
        .replace("10.0.1.100:3260", portals.get(1));
  }

  /** The kernel lab initiator's real {@code multipath -ll}, named by the fixture's WWID. */
  private String multipath() {
    return Captured.read(KERNEL_LAB + "ini-multipath-ll.txt")
        .replace("mpatha (" + LAB_WWID + ")", WWID);
  }

  /** A file on the node with this content (its hash, as the probe reports it). */
  InitiatorFixture file(String path, String content) {
    facts.file(path, ManagedFiles.sha256(content));
    return this;
  }

  static Map<String, NodeFacts> both(java.util.function.Function<String, InitiatorFixture> node) {
    return Map.of("drbd01", node.apply("drbd01").build(), "drbd02", node.apply("drbd02").build());
  }

  static List<String> argvs(List<io.hastorage.operator.plan.Step> steps) {
    return steps.stream().map(s -> s.action().describe()).toList();
  }
}
