package io.hastorage.operator.node;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lock an operator instance holds on a node while it changes it, kept on the node itself so two
 * instances (a leadership hand-over, a second deployment) never interleave their commands there.
 *
 * <p>The script takes {@code flock(1)} on {@link #LOCK_FILE} and keeps it while {@code cat} reads
 * its stdin: the lock lives exactly as long as the operator's SSH channel. Closing the channel
 * releases it, and so does the operator dying, because sshd then closes the channel and cat sees
 * EOF.
 *
 * <p>It also fences stale observations: {@link #GENERATION_FILE} moves when the lock is taken and
 * again when it is let go, every probe reads it before anything else, and the script refuses
 * ("stale") when it differs from the value the caller observed. So a plan is never applied when its
 * probe began before, or while, another instance changed the node. The second move happens after
 * the channel's EOF (the operator closing it, or sshd closing its pipes when the operator's
 * connection dies; HUP is ignored); only a machine that goes down while held skips it.
 *
 * <p>Its first line is {@code locked N} (N is the new generation), {@code busy OWNER} (exit 75) or
 * {@code stale N} (exit 76); exit 71 without a line means the state directory was unusable.
 */
public final class NodeLockScript {

  public static final String STATE_DIR = "/var/lib/ha-iscsi-operator";
  public static final String LOCK_FILE = STATE_DIR + "/node.lock";
  public static final String GENERATION_FILE = STATE_DIR + "/node.generation";
  public static final String OWNER_FILE = STATE_DIR + "/node.owner";

  public static final int BUSY_EXIT = 75;
  public static final int STALE_EXIT = 76;
  public static final int STATE_DIR_EXIT = 71;

  /** $1 owner, $2 the generation the caller observed, $3 the state directory. */
  public static final String SCRIPT =
      "d=$3; mkdir -p -- \"$d\" || exit 71; "
          + "exec 9>>\"$d/node.lock\" || exit 71; "
          + "flock -n 9; rc=$?; "
          + "if [ \"$rc\" = 1 ]; then printf 'busy %s\\n' \"$(cat -- \"$d/node.owner\" 2>/dev/null)\"; "
          + "exit 75; fi; "
          + "[ \"$rc\" = 0 ] || exit 71; "
          + "gen=$(cat -- \"$d/node.generation\" 2>/dev/null) || gen=0; "
          + "case $gen in ''|*[!0-9]*) gen=0 ;; esac; "
          + "if [ \"$gen\" != \"$2\" ]; then printf 'stale %s\\n' \"$gen\"; exit 76; fi; "
          + "next=$((gen + 1)); "
          + "printf '%s\\n' \"$next\" > \"$d/node.generation.tmp\" "
          + "&& mv -f -- \"$d/node.generation.tmp\" \"$d/node.generation\" || exit 71; "
          + "printf '%s\\n' \"$1\" > \"$d/node.owner\" || exit 71; "
          + "printf 'locked %s\\n' \"$next\"; "
          + "trap '' HUP; cat >/dev/null; "
          + "printf '%s\\n' \"$((next + 1))\" > \"$d/node.generation.tmp\" "
          + "&& mv -f -- \"$d/node.generation.tmp\" \"$d/node.generation\"";

  /** What may name an owner: it is printed into other instances' conditions. */
  public static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:-]{0,126}");

  private NodeLockScript() {}

  /** The lock command; {@code timeout} bounds waiting for its first line, not holding it. */
  public static Command command(String owner, long observedGeneration, Duration timeout) {
    return command(owner, observedGeneration, timeout, STATE_DIR);
  }

  /** With another state directory than {@link #STATE_DIR}: tests of the script itself. */
  public static Command command(
      String owner, long observedGeneration, Duration timeout, String dir) {
    if (!OWNER.matcher(owner).matches()) {
      throw new IllegalArgumentException("lock owner must match " + OWNER + ": " + owner);
    }
    if (observedGeneration < 0) {
      throw new IllegalArgumentException("generation must not be negative");
    }
    return new Command(
        List.of(
            "sh", "-c", SCRIPT, "hastorage-lock", owner, Long.toString(observedGeneration), dir),
        timeout,
        SensitiveBytes.EMPTY);
  }
}
