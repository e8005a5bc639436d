package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.Stdin;
import java.nio.charset.StandardCharsets;

/**
 * {@code drbdadm wipe-md RES}: drbdmeta zeroes the internal metadata block at the end of this
 * node's backing disk, as drbd-utils' meta_wipe_md does. It refuses while the minor is attached
 * ("Device 'M' is configured!", exit code 20), changes nothing on a disk without DRBD metadata
 * ("There appears to be no drbd meta data to wipe out?", exit code 0), and otherwise asks "Do you
 * really want to wipe out the DRBD meta data?" on stderr: unless the first line of stdin is exactly
 * {@code yes} it prints "Operation cancelled." and exits 1. See {@link
 * DrbdReplication#metadataWiped} for what the disk shows afterwards.
 */
final class WipeMd {

  static final String QUESTION = "Do you really want to wipe out the DRBD meta data?";

  private static final String PROMPT = "\n" + QUESTION + "\n[need to type 'yes' to confirm] \n";

  private final DrbdReplication replication;

  WipeMd(DrbdReplication replication) {
    this.replication = replication;
  }

  ExecOutcome run(SimulatedNode node, ResFile res, Stdin stdin) {
    String drbdmeta = Drbdmeta.commandLine(res, Drbdmeta.version(node), "wipe-md");
    if (!node.disks().exists(res.disk())) {
      return Drbdmeta.noDisk(drbdmeta, res);
    }
    if (replication.sideUp(node.name(), res.resource())) {
      return Drbdmeta.configured(drbdmeta, res);
    }
    boolean hasMetadata =
        node.disks().signatures(res.disk()).stream().anyMatch(s -> s.type().equals("drbd"));
    if (!hasMetadata) {
      return ExecOutcome.of(0, "", "There appears to be no drbd meta data to wipe out?\n");
    }
    if (!confirmed(stdin)) {
      return Drbdmeta.failed(drbdmeta, 1, "Operation cancelled.\n", PROMPT);
    }
    if (!replication.metadataWiped(node, res)) {
      return Drbdmeta.configured(drbdmeta, res);
    }
    return ExecOutcome.of(
        0, "Wiping meta data...\nDRBD meta data block successfully wiped out.\n", PROMPT);
  }

  /** drbdmeta's confirmed(): getline() must return exactly "yes\n" (4 bytes). */
  private static boolean confirmed(Stdin stdin) {
    String text = new String(stdin.readAll(), StandardCharsets.UTF_8);
    int newline = text.indexOf('\n');
    return newline >= 0 && text.substring(0, newline + 1).equals("yes\n");
  }
}
