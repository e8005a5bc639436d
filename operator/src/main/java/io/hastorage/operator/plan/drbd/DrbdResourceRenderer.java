package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.plan.ManagedFiles;

/**
 * Renders /etc/drbd.d/NAME.res: the seed's vg1.res with its unsafe parts removed.
 *
 * <ul>
 *   <li>after-sb-1pri is {@code disconnect}, not the seed's {@code discard-secondary}: a split
 *       brain is for a human to resolve, never by silently throwing away one node's writes.
 *   <li>No {@code outdate-peer} handler (a heartbeat v1 tool) and no {@code on-no-data-accessible}
 *       (its default, io-error, is what the seed set).
 *   <li>Fencing is always resource-and-stonith with the Pacemaker handlers: the 8.4 pair
 *       (crm-unfence-peer after the resync) or the 9 pair (unfence-peer).
 *   <li>Volumes sit inside each {@code on} section, so the backing disk may differ per node.
 *   <li>A {@code split-brain} handler leaves a {@link SplitBrainMarker}, so the operator can tell a
 *       detected split brain from a deliberate disconnect.
 * </ul>
 *
 * <p>The syntaxes differ where drbd-utils 9.22 insists: 8.4 wants {@code fencing} in {@code disk}
 * and {@code syncer { rate }}; 9 rejects both there, and takes {@code fencing} in {@code net}, the
 * rate as {@code resync-rate} plus {@code c-max-rate} (the dynamic resync controller, on by default
 * in 9, treats resync-rate only as a starting value), a {@code node-id} per host and an explicit
 * {@code connection-mesh}.
 *
 * <p>The file holds the shared secret, hence mode {@value #FILE_MODE} and secret file content.
 */
public final class DrbdResourceRenderer {

  public static final String DIRECTORY = "/etc/drbd.d";
  public static final String FILE_MODE = "0600";
  public static final String FENCE_PEER_84 = "/usr/lib/drbd/crm-fence-peer.sh";
  public static final String UNFENCE_PEER_84 = "/usr/lib/drbd/crm-unfence-peer.sh";
  public static final String FENCE_PEER_9 = "/usr/lib/drbd/crm-fence-peer.9.sh";
  public static final String UNFENCE_PEER_9 = "/usr/lib/drbd/crm-unfence-peer.9.sh";

  private DrbdResourceRenderer() {}

  public static String path(String resourceName) {
    return DIRECTORY + "/" + resourceName + ".res";
  }

  /** The file to write on each target node, as secret content. */
  public static FileWrite fileWrite(DrbdResourceConfig config, DrbdSyntax syntax) {
    return new FileWrite(
        path(config.name()), SensitiveBytes.secret(render(config, syntax)), FILE_MODE);
  }

  public static String render(DrbdResourceConfig config, DrbdSyntax syntax) {
    StringBuilder out = new StringBuilder(ManagedFiles.header("#"));
    out.append("resource ").append(config.name()).append(" {\n");
    startup(out, config.tuning());
    if (syntax == DrbdSyntax.V84) {
      out.append("  syncer {\n");
      line(out, "rate " + config.tuning().resyncRate());
      out.append("  }\n");
    }
    disk(out, config.tuning(), syntax);
    handlers(out, config.name(), syntax);
    net(out, config, syntax);
    for (DrbdResourceConfig.Host host : config.hosts()) {
      on(out, config, host, syntax);
    }
    if (syntax == DrbdSyntax.V9) {
      out.append("  connection-mesh {\n");
      StringBuilder hosts = new StringBuilder("hosts");
      config.hosts().forEach(h -> hosts.append(' ').append(h.name()));
      line(out, hosts.toString());
      out.append("  }\n");
    }
    return out.append("}\n").toString();
  }

  private static void startup(StringBuilder out, DrbdTuning tuning) {
    out.append("  startup {\n");
    line(out, "wfc-timeout " + tuning.wfcTimeout());
    line(out, "degr-wfc-timeout " + tuning.degrWfcTimeout());
    line(out, "outdated-wfc-timeout " + tuning.outdatedWfcTimeout());
    out.append("  }\n");
  }

  private static void disk(StringBuilder out, DrbdTuning tuning, DrbdSyntax syntax) {
    out.append("  disk {\n");
    line(out, "on-io-error detach");
    if (syntax == DrbdSyntax.V84) {
      line(out, "fencing resource-and-stonith");
    } else {
      line(out, "resync-rate " + tuning.resyncRate());
      line(out, "c-max-rate " + tuning.resyncRate());
    }
    out.append("  }\n");
  }

  private static void handlers(StringBuilder out, String resource, DrbdSyntax syntax) {
    out.append("  handlers {\n");
    line(out, "split-brain \"" + SplitBrainMarker.handler(resource) + "\"");
    if (syntax == DrbdSyntax.V84) {
      line(out, "fence-peer \"" + FENCE_PEER_84 + "\"");
      line(out, "after-resync-target \"" + UNFENCE_PEER_84 + "\"");
    } else {
      line(out, "fence-peer \"" + FENCE_PEER_9 + "\"");
      line(out, "unfence-peer \"" + UNFENCE_PEER_9 + "\"");
    }
    out.append("  }\n");
  }

  private static void net(StringBuilder out, DrbdResourceConfig config, DrbdSyntax syntax) {
    DrbdTuning tuning = config.tuning();
    out.append("  net {\n");
    line(out, "protocol " + config.protocol());
    if (syntax == DrbdSyntax.V9) {
      line(out, "fencing resource-and-stonith");
    }
    line(out, "timeout " + tuning.timeout());
    line(out, "ping-timeout " + tuning.pingTimeout());
    line(out, "ping-int " + tuning.pingInt());
    line(out, "max-epoch-size " + tuning.maxEpochSize());
    line(out, "max-buffers " + tuning.maxBuffers());
    line(out, "cram-hmac-alg \"sha1\"");
    line(out, "shared-secret \"" + config.sharedSecret() + "\"");
    line(out, "after-sb-0pri " + tuning.afterSb0pri());
    line(out, "after-sb-1pri disconnect");
    line(out, "after-sb-2pri disconnect");
    out.append("  }\n");
  }

  private static void on(
      StringBuilder out, DrbdResourceConfig config, DrbdResourceConfig.Host host, DrbdSyntax s) {
    out.append("  on ").append(host.name()).append(" {\n");
    for (DrbdResourceConfig.Volume volume : config.volumes()) {
      out.append("    volume ").append(volume.number()).append(" {\n");
      out.append("      device /dev/drbd").append(volume.minor()).append(";\n");
      out.append("      disk ").append(volume.disks().get(host.name())).append(";\n");
      out.append("      meta-disk internal;\n");
      out.append("    }\n");
    }
    line(out, "address " + address(host));
    if (s == DrbdSyntax.V9) {
      line(out, "node-id " + host.nodeId());
    }
    out.append("  }\n");
  }

  /** IPv6 needs the family and brackets; IPv4 is drbdadm's default family. */
  private static String address(DrbdResourceConfig.Host host) {
    return host.address().contains(":")
        ? "ipv6 [" + host.address() + "]:" + host.port()
        : host.address() + ":" + host.port();
  }

  private static void line(StringBuilder out, String statement) {
    out.append("    ").append(statement).append(";\n");
  }
}
