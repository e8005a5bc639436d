package io.hastorage.e2e.sim.drbd;

import java.util.List;
import java.util.Locale;

/**
 * DRBD 8.4's /proc/drbd device lines as drbd_proc.c prints them (and as the operator's samples
 * proc-drbd-8.4-*.txt show): state line, counter line, and while resyncing the progress bar and the
 * finish line; a blank line before a minor that follows a gap.
 */
final class ProcDrbdFormat {

  /** The resync speed the simulation reports, in K/sec. */
  static final long SPEED_KIB = 58_312;

  private ProcDrbdFormat() {}

  static String render(List<DeviceView> devices) {
    StringBuilder out = new StringBuilder();
    int previous = -1;
    for (DeviceView device : devices) {
      if (device.minor() != previous + 1) {
        out.append('\n');
      }
      previous = device.minor();
      device(out, device);
    }
    return out.toString();
  }

  private static void device(StringBuilder out, DeviceView d) {
    out.append(
        String.format(
            Locale.ROOT,
            "%2d: cs:%s ro:%s/%s ds:%s/%s %c r-----\n",
            d.minor(),
            d.connection(),
            d.role(),
            d.peerRole(),
            d.disk(),
            d.peerDisk(),
            d.protocolShown() ? 'C' : ' '));
    out.append("    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:")
        .append(d.outOfSyncKiB())
        .append('\n');
    if (d.syncPermille().isPresent()) {
      progress(out, d, d.syncPermille().getAsInt());
    }
  }

  private static void progress(StringBuilder out, DeviceView d, int permille) {
    int x = permille / 50;
    StringBuilder bar = new StringBuilder("[");
    bar.append("=".repeat(Math.max(0, x - 1))).append('>').append(".".repeat(20 - x)).append(']');
    out.append('\t')
        .append(bar)
        .append(String.format(Locale.ROOT, " sync'ed:%3d.%d%% ", permille / 10, permille % 10))
        .append('(')
        .append(d.outOfSyncKiB() >> 10)
        .append('/')
        .append(d.sizeKiB() >> 10)
        .append(")M\n");
    long seconds = d.outOfSyncKiB() / SPEED_KIB;
    String speed = String.format(Locale.ROOT, "%,d", SPEED_KIB);
    out.append(
        String.format(
            Locale.ROOT,
            "\tfinish: %d:%02d:%02d speed: %s (%s) %sK/sec\n",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60,
            speed,
            speed,
            d.connection().equals("SyncTarget") ? "want: 102,400 " : ""));
  }
}
