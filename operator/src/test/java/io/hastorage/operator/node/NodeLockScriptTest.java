package io.hastorage.operator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The node lock script run for real, with flock(1), by dash and by bash. */
class NodeLockScriptTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;

  private LocalNodeShell.LocalHeld lock(
      LocalNodeShell shell, String owner, long observed, Path state) throws Exception {
    return shell.hold(NodeLockScript.command(owner, observed, WAIT, state.toString()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/bash"})
  void oneHolderAtATimeAndAStaleObservationIsRefused(String sh) throws Exception {
    LocalNodeShell shell = new LocalNodeShell(dir, sh);
    Path state = dir.resolve("state");

    try (LocalNodeShell.LocalHeld first = lock(shell, "op-a/1", 0, state)) {
      assertThat(first.firstLine()).contains("locked 1");
      assertThat(first.exitCode()).isEmpty();
      assertThat(first.endsWithin(0)).as("the holder keeps running").isFalse();
      assertThat(Files.readString(state.resolve("node.generation"))).isEqualTo("1\n");

      try (LocalNodeShell.LocalHeld second = lock(shell, "op-b/2", 1, state)) {
        assertThat(second.firstLine()).contains("busy op-a/1");
        assertThat(second.endsWithin(10)).as("a refused attempt ends by itself").isTrue();
      }
      assertThat(Files.readString(state.resolve("node.generation"))).isEqualTo("1\n");
    }

    assertThat(Files.readString(state.resolve("node.generation")))
        .as("letting go moves the generation again")
        .isEqualTo("2\n");
    try (LocalNodeShell.LocalHeld late = lock(shell, "op-b/2", 0, state)) {
      assertThat(late.firstLine()).contains("stale 2");
    }
    try (LocalNodeShell.LocalHeld duringTheHold = lock(shell, "op-b/2", 1, state)) {
      assertThat(duringTheHold.firstLine())
          .as("a probe taken while op-a held the lock saw 1: its plan is stale")
          .contains("stale 2");
    }
    try (LocalNodeShell.LocalHeld current = lock(shell, "op-b/2", 2, state)) {
      assertThat(current.firstLine()).contains("locked 3");
      assertThat(Files.readString(state.resolve("node.owner"))).isEqualTo("op-b/2\n");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/bash"})
  void aHolderThatDiesReleasesTheLock(String sh) throws Exception {
    LocalNodeShell shell = new LocalNodeShell(dir, sh);
    Path state = dir.resolve("state");
    LocalNodeShell.LocalHeld dead = lock(shell, "op-a/1", 0, state);
    assertThat(dead.firstLine()).contains("locked 1");

    dead.kill();

    // whether its script still moved the generation after its pipe closed (sshd's case) or was
    // killed before, the lock is free for whoever observed the generation as it is now
    String answer = "";
    long now = -1;
    for (int attempt = 0; attempt < 50 && !answer.startsWith("locked"); attempt++) {
      Thread.sleep(attempt == 0 ? 0 : 100); // what is left of the dead holder ends on its own
      now = Long.parseLong(Files.readString(state.resolve("node.generation")).strip());
      try (LocalNodeShell.LocalHeld next = lock(shell, "op-b/2", now, state)) {
        answer = next.firstLine().orElse("");
      }
    }
    assertThat(answer).isEqualTo("locked " + (now + 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/bin/sh", "/bin/bash"})
  void anUnusableStateDirectoryIsAFailureWithoutALine(String sh) throws Exception {
    LocalNodeShell shell = new LocalNodeShell(dir, sh);
    Path file = Files.writeString(dir.resolve("plain-file"), "x");

    try (LocalNodeShell.LocalHeld broken = lock(shell, "op-a/1", 0, file.resolve("sub"))) {
      assertThat(broken.firstLine()).isEmpty();
      assertThat(broken.exitCode()).isEqualTo(OptionalInt.of(NodeLockScript.STATE_DIR_EXIT));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"op;rm -rf /", "", "-n", "op\nx", "$(id)"})
  void anOwnerThatIsNotAPlainNameIsRejected(String owner) {
    assertThatThrownBy(() -> NodeLockScript.command(owner, 0, WAIT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
