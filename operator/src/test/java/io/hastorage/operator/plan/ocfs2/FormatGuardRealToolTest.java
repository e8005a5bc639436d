package io.hastorage.operator.plan.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.drbd.DiskProbe;
import io.hastorage.operator.testing.FactsBuilder;
import io.hastorage.operator.testing.RealPrerequisites;
import io.hastorage.operator.testing.RealTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format guard against real ocfs2-tools and util-linux on image files: what blkid -p and wipefs
 * really print for a blank image, the planner's own mkfs.ocfs2 command run for real, ext4, and an
 * OCFS2 volume with another label. The operator's probe items run with the image in place of the
 * multipath device.
 */
class FormatGuardRealToolTest {

  private static final MountDesign DESIGN = InitiatorFixture.seedDesign();
  private static final String LABEL = DESIGN.mkfs().label();

  @TempDir Path dir;
  private Path image;

  @BeforeEach
  void tools() throws IOException {
    RealPrerequisites.requireTools(
        "the format guard on images (ocfs2-tools, util-linux)", "mkfs.ocfs2", "blkid", "wipefs");
    image = dir.resolve("lun0.img");
    try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
      file.setLength(128L * 1024 * 1024); // sparse: a blank LUN
    }
  }

  /** Runs the probe's blkid and wipefs items on the image, as the node would on its device. */
  private NodeFacts probe() throws IOException, InterruptedException {
    FactsBuilder facts = new FactsBuilder("drbd01");
    for (var item : DiskProbe.request(image.toString()).items().values()) {
      RealTools.Result result = RealTools.run(dir, item.argv());
      facts.section(item.name(), result.exitCode(), result.output());
    }
    return facts.build();
  }

  private FilesystemCheck check(NodeFacts facts, boolean adopt, Optional<String> uuid) {
    return FilesystemCheck.of(facts, image.toString(), LABEL, adopt, uuid);
  }

  /** The planner's mkfs step, with the image in place of the multipath device. */
  private List<String> plannedMkfs() {
    Step mkfs =
        Ocfs2MountPlanner.plan(
                DESIGN,
                Map.of(
                    "drbd01",
                    new InitiatorFixture(DESIGN, "drbd01")
                        .configured()
                        .recorded()
                        .loggedIn()
                        .mapped()
                        .blank()
                        .build()),
                new Ocfs2MountPlanner.Known(
                    Optional.of(InitiatorFixture.WWID), Optional.empty(), false))
            .stream()
            .filter(s -> s.description().startsWith("format "))
            .findFirst()
            .orElseThrow();
    List<String> argv = new ArrayList<>(((Action.RunCommand) mkfs.action()).command().argv());
    argv.set(argv.size() - 1, image.toString());
    return argv;
  }

  @Test
  void aBlankImageIsFormattedOnceAndThenAdoptedByItsLabel() throws Exception {
    NodeFacts blank = probe();
    assertThat(check(blank, false, Optional.empty()).verdict())
        .isEqualTo(FilesystemCheck.Verdict.BLANK);
    assertThat(
            new FormatGuard(image.toString(), LABEL, false, Optional.empty())
                .check(blank)
                .allowed())
        .isTrue();

    RealTools.Result mkfs = RealTools.run(dir, plannedMkfs());
    assertThat(mkfs.exitCode()).as(mkfs.output()).isZero();

    NodeFacts formatted = probe();
    FilesystemCheck after = check(formatted, false, Optional.empty());
    assertThat(after.verdict()).isEqualTo(FilesystemCheck.Verdict.OURS);
    Decision again =
        new FormatGuard(image.toString(), LABEL, false, Optional.empty()).check(formatted);
    assertThat(again.allowed()).isFalse();
    assertThat(again.reason()).isEqualTo(FormatGuard.ALREADY_FORMATTED);
    assertThat(
            new MountGuard(image.toString(), LABEL, false, Optional.empty())
                .check(formatted)
                .allowed())
        .isTrue();
    String uuid = after.found().orElseThrow().uuid().orElseThrow();

    // and mkfs.ocfs2 itself, run again without -F and without an answer, does not overwrite it
    RealTools.Result rerun = RealTools.run(dir, plannedMkfs());
    assertThat(rerun.exitCode()).isNotZero();
    assertThat(check(probe(), false, Optional.empty()).found().orElseThrow().uuid()).contains(uuid);
  }

  @Test
  void anExt4ImageIsRefused() throws Exception {
    RealPrerequisites.requireTools("the format guard on an ext4 image (e2fsprogs)", "mkfs.ext4");
    assertThat(RealTools.run(dir, List.of("mkfs.ext4", "-q", "-F", image.toString())).exitCode())
        .isZero();

    Decision decision =
        new FormatGuard(image.toString(), LABEL, false, Optional.empty()).check(probe());

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).isEqualTo(FilesystemCheck.IN_USE_REASON);
    assertThat(decision.message()).contains("ext4");

    // why the guard must exist: mkfs.ocfs2 itself formats over ext4 without asking
    RealTools.Result unguarded = RealTools.run(dir, plannedMkfs());
    assertThat(unguarded.exitCode()).as(unguarded.output()).isZero();
    assertThat(check(probe(), false, Optional.empty()).verdict())
        .isEqualTo(FilesystemCheck.Verdict.OURS);
  }

  @Test
  void anotherOcfs2VolumeIsRefusedUntilAdopted() throws Exception {
    List<String> other = plannedMkfs();
    other.set(other.indexOf(LABEL), "oldvolume");
    assertThat(RealTools.run(dir, other).exitCode()).isZero();
    NodeFacts facts = probe();

    Decision refused =
        new FormatGuard(image.toString(), LABEL, false, Optional.empty()).check(facts);
    assertThat(refused.reason()).isEqualTo(FilesystemCheck.FOREIGN_REASON);
    assertThat(refused.message()).contains("oldvolume");
    assertThat(
            new MountGuard(image.toString(), LABEL, false, Optional.empty()).check(facts).allowed())
        .isFalse();

    assertThat(check(facts, true, Optional.empty()).verdict())
        .isEqualTo(FilesystemCheck.Verdict.ADOPTED);
    assertThat(
            new MountGuard(image.toString(), LABEL, true, Optional.empty()).check(facts).allowed())
        .isTrue();
    assertThat(
            new FormatGuard(image.toString(), LABEL, true, Optional.empty()).check(facts).allowed())
        .isFalse();
  }

  @Test
  void aFileSystemFoundUnderItsRecordedUuidIsOursWhateverItsLabel() throws Exception {
    List<String> relabelled = plannedMkfs();
    relabelled.set(relabelled.indexOf(LABEL), "renamed");
    assertThat(RealTools.run(dir, relabelled).exitCode()).isZero();
    NodeFacts facts = probe();
    String uuid = check(facts, false, Optional.empty()).found().orElseThrow().uuid().orElseThrow();

    assertThat(check(facts, false, Optional.of(uuid)).verdict())
        .isEqualTo(FilesystemCheck.Verdict.OURS);
    assertThat(Files.size(image)).isEqualTo(128L * 1024 * 1024);
    assertThat(Command.of(plannedMkfs()).argv()).doesNotContain("-F");
  }
}
