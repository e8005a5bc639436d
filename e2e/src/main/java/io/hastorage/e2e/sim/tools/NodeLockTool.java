package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecChannel;
import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.operator.node.NodeLockScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@link NodeLockScript} on a simulated node: the node's {@link io.hastorage.e2e.sim.NodeLockState}
 * stands for flock(1) on the lock file, the generation and owner files are the node's own files,
 * and "locked N" reaches the client while the command keeps running until its stdin ends (the
 * operator closing the channel, or its connection dying).
 */
final class NodeLockTool {

  private NodeLockTool() {}

  /** {@code args}: owner, observed generation, state directory. */
  static ExecOutcome run(List<String> args, ToolContext context) {
    String owner = args.get(0);
    String observed = args.get(1);
    String dir = args.get(2);
    SimulatedNode node = context.node();
    context.note("@node-lock", false);
    // the SSH session holds it; a direct call (no channel) holds it for its own duration
    Object holder = context.channel().map(ExecChannel::client).orElse(context);
    if (!node.nodeLock().tryAcquire(holder)) {
      String current = node.readText(dir + "/node.owner").orElse("").strip();
      return new ExecOutcome(
          NodeLockScript.BUSY_EXIT, bytes("busy " + current + "\n"), new byte[0]);
    }
    try {
      long generation = generation(node.readText(dir + "/node.generation").orElse(""));
      if (!Long.toString(generation).equals(observed)) {
        return new ExecOutcome(
            NodeLockScript.STALE_EXIT, bytes("stale " + generation + "\n"), new byte[0]);
      }
      long next = generation + 1;
      node.writeFile(dir + "/node.generation", bytes(next + "\n"), "0644");
      node.writeFile(dir + "/node.owner", bytes(owner + "\n"), "0644");
      byte[] line = bytes("locked " + next + "\n");
      if (context.channel().isEmpty()) {
        context.stdin().readAll();
        letGo(node, dir, next);
        return ExecOutcome.ok(line);
      }
      try {
        context.channel().get().sendNow(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      context.stdin().readAll(); // `cat >/dev/null`: held until EOF
      letGo(node, dir, next);
      return ExecOutcome.ok("");
    } finally {
      node.nodeLock().release(holder);
    }
  }

  /** After EOF the generation moves again, still under the lock (the script's last command). */
  private static void letGo(SimulatedNode node, String dir, long locked) {
    node.writeFile(dir + "/node.generation", bytes((locked + 1) + "\n"), "0644");
  }

  private static long generation(String text) {
    String trimmed = text.strip();
    return trimmed.matches("[0-9]{1,18}") ? Long.parseLong(trimmed) : 0;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
