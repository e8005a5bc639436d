package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Optional;

/**
 * {@code blkid -p -o export [--] DEV} and {@code wipefs --no-act --parsable [--] DEV} on a local
 * disk or a DRBD device, in util-linux 2.38's formats as captured (blank: blkid exits 2 and both
 * print nothing). Both are read-only.
 */
final class SignatureTools {

  private static final List<String> BLKID = List.of("blkid", "-p", "-o", "export");
  private static final List<String> WIPEFS = List.of("wipefs", "--no-act", "--parsable");

  private final DrbdReplication replication;

  SignatureTools(DrbdReplication replication) {
    this.replication = replication;
  }

  ExecOutcome blkid(List<String> argv, ToolContext context) {
    String device = device(argv, BLKID);
    Optional<List<DiskSignature>> found = signatures(context.node(), device);
    if (found.isEmpty()) {
      return ExecOutcome.failure(
          2, "blkid: error: " + device + ": " + error(context, device) + "\n");
    }
    List<DiskSignature> signatures = found.get();
    if (signatures.isEmpty()) {
      return ExecOutcome.of(2, "", "");
    }
    DiskSignature winner = signatures.get(0);
    StringBuilder out = new StringBuilder("DEVNAME=").append(device).append('\n');
    winner.label().ifPresent(l -> out.append("LABEL=").append(escape(l)).append('\n'));
    winner.uuid().ifPresent(u -> out.append("UUID=").append(escape(u)).append('\n'));
    out.append("VERSION=").append(escape(winner.version())).append('\n');
    if (winner.blockSize() > 0) {
      out.append("BLOCK_SIZE=").append(winner.blockSize()).append('\n');
    }
    out.append("TYPE=").append(winner.type()).append("\nUSAGE=").append(winner.usage());
    return ExecOutcome.ok(out.append('\n').toString());
  }

  ExecOutcome wipefs(List<String> argv, ToolContext context) {
    String device = device(argv, WIPEFS);
    Optional<List<DiskSignature>> found = signatures(context.node(), device);
    if (found.isEmpty()) {
      return ExecOutcome.failure(
          1,
          "wipefs: error: "
              + device
              + ": probing initialization failed: "
              + error(context, device)
              + "\n");
    }
    StringBuilder out = new StringBuilder();
    for (DiskSignature s : found.get()) {
      out.append(
          String.format(
              "0x%x,%s,%s,%s\n", s.offset(), s.uuid().orElse(""), s.label().orElse(""), s.type()));
    }
    return ExecOutcome.ok(out.toString());
  }

  private static String device(List<String> argv, List<String> form) {
    int n = form.size();
    boolean plain = argv.size() == n + 1 && argv.subList(0, n).equals(form);
    boolean dashed =
        argv.size() == n + 2 && argv.subList(0, n).equals(form) && argv.get(n).equals("--");
    if (!plain && !dashed) {
      throw new UnsupportedFeatureException(String.join(" ", argv));
    }
    return argv.get(argv.size() - 1);
  }

  /** Every signature on the device; empty when it cannot be opened. */
  private Optional<List<DiskSignature>> signatures(SimulatedNode node, String device) {
    if (!DrbdDevices.isDrbd(device)) {
      return node.disks().exists(device)
          ? Optional.of(node.disks().signatures(device))
          : Optional.empty();
    }
    return replication.locked(
        all ->
            DrbdDevices.open(all, node.name(), device)
                .resource()
                .map(
                    r ->
                        r.lvm
                            .map(l -> List.of(DiskSignature.lvm2Member(l.pvUuid)))
                            .orElse(List.of())));
  }

  private String error(ToolContext context, String device) {
    return replication.locked(all -> DrbdDevices.open(all, context.node().name(), device).error());
  }

  /** blkid -o export escapes spaces and shell specials with a backslash ("LVM2\ 001"). */
  private static String escape(String value) {
    return value.replaceAll("([ \\\\\"'`$!&;|<>()])", "\\\\$1");
  }
}
