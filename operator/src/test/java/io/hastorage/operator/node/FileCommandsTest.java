package io.hastorage.operator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the fixed file scripts with the local /bin/sh, as a node would. */
class FileCommandsTest {

  private static final String CONTENT =
      "line one\n\"quoted\" 'single' $(not run) `nor this`\nünïcødé ✓\n\ttab, no final newline";

  @TempDir Path dir;

  @Test
  void atomicWriteDeliversContentIntactWithMode() throws Exception {
    Path target = dir.resolve("new/sub/file.conf");

    LocalSh.Result result = write(target.toString(), "0640", CONTENT);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(CONTENT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r-----");
    assertNoTempFilesIn(target.getParent());
  }

  @Test
  void atomicWriteReplacesAnExistingFile() throws Exception {
    Path target = dir.resolve("existing.conf");
    Files.writeString(target, "old content that is longer than the new one");

    LocalSh.Result result = write(target.toString(), "0600", "new");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-------");
    assertNoTempFilesIn(dir);
  }

  @Test
  void pathsWithSpacesAndQuotesAreHandled() throws Exception {
    Path target = dir.resolve("dir with space/it's \"q\" $(touch pwned) ;.conf");

    LocalSh.Result written = write(target.toString(), "0644", CONTENT);
    LocalSh.Result read = read(target.toString());

    assertThat(written.exitCode()).as(written.stderr()).isZero();
    assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo(CONTENT);
    assertThat(read.exitCode()).isZero();
    assertThat(read.stdoutText()).isEqualTo(CONTENT);
    assertThat(dir.resolve("pwned")).doesNotExist();
  }

  @Test
  void failedWriteLeavesNeitherTargetNorTempFile() throws Exception {
    Path target = dir.resolve("never.conf");

    LocalSh.Result result = write(target.toString(), "not-a-mode", CONTENT);

    assertThat(result.exitCode()).isNotZero();
    assertThat(target).doesNotExist();
    assertNoTempFilesIn(dir);
  }

  @Test
  void readOfMissingFileExitsWithMissingCode() throws Exception {
    LocalSh.Result result = read(dir.resolve("absent.conf").toString());

    assertThat(result.exitCode()).isEqualTo(FileCommands.MISSING_EXIT_CODE).isEqualTo(3);
    assertThat(result.stdout()).isEmpty();
  }

  @Test
  void commandsBuiltByFileCommandsRoundTripThroughQuoting() throws Exception {
    NodeShell shell = new LocalNodeShell(new LocalSh(dir));
    String path = dir.resolve("etc/hastorage/secret.key").toString();

    shell.writeFile(new FileWrite(path, SensitiveBytes.secret(CONTENT), "0400"));

    assertThat(shell.readFile(path)).contains(CONTENT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(path))))
        .isEqualTo("r--------");
    assertThat(shell.readFile(dir.resolve("missing").toString())).isEqualTo(Optional.empty());
  }

  @Test
  void contentTravelsOnStdinNeverInArgv() {
    FileWrite file = new FileWrite("/etc/x.conf", SensitiveBytes.secret("s3cret"), "0600");

    Command command = FileCommands.atomicWrite(file);

    assertThat(command.argv())
        .containsExactly("sh", "-c", FileCommands.ATOMIC_WRITE_SCRIPT, "sh", "/etc/x.conf", "0600");
    assertThat(command.stdin()).isEqualTo(SensitiveBytes.secret("s3cret"));
    assertThat(command.toString()).doesNotContain("s3cret");
  }

  @Test
  void writeFailureSurfacesAsException() {
    NodeShell shell = new LocalNodeShell(new LocalSh(dir));
    // A regular file where a directory is needed: mkdir -p fails.
    String path = dir.resolve("blocker/child.conf").toString();

    assertThatThrownBy(
            () -> {
              Files.writeString(dir.resolve("blocker"), "file");
              shell.writeFile(new FileWrite(path, SensitiveBytes.plain("x"), "0644"));
            })
        .isInstanceOf(NodeAccessException.class)
        .hasMessageContaining(path);
  }

  private LocalSh.Result write(String path, String mode, String content) throws Exception {
    return new LocalSh(dir)
        .runProcess(
            List.of("/bin/sh", "-c", FileCommands.ATOMIC_WRITE_SCRIPT, "sh", path, mode),
            content.getBytes(StandardCharsets.UTF_8));
  }

  private LocalSh.Result read(String path) throws Exception {
    return new LocalSh(dir)
        .runProcess(List.of("/bin/sh", "-c", FileCommands.READ_SCRIPT, "sh", path), new byte[0]);
  }

  private static void assertNoTempFilesIn(Path directory) throws Exception {
    try (Stream<Path> files = Files.list(directory)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith(".hastorage."));
    }
  }
}
