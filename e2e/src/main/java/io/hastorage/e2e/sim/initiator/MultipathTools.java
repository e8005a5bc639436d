package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * multipath-tools 0.8.8: the read-only {@code multipath -ll}, and {@code multipathd reconfigure}
 * and {@code multipathd resize map WWID} (which need multipathd running; the map takes its paths'
 * size, which must agree). Maps are named by WWID (no friendly names), one path group per path
 * (ALUA: every portal its own target port group).
 */
final class MultipathTools {

  private final SimulatedSan san;

  MultipathTools(SimulatedSan san) {
    this.san = san;
  }

  SimulatedTool multipath() {
    return SimulatedTool.readOnly(this::multipathLl);
  }

  SimulatedTool multipathd() {
    return new SimulatedTool() {
      @Override
      public ExecOutcome run(List<String> argv, ToolContext context) {
        return multipathd(argv, context);
      }

      @Override
      public boolean mutates(List<String> argv) {
        return !(argv.size() > 1 && argv.get(1).equals("show"));
      }
    };
  }

  private ExecOutcome multipathLl(List<String> argv, ToolContext context) {
    if (!argv.equals(List.of("multipath", "-ll"))) {
      throw new UnsupportedFeatureException("multipath other than -ll: " + argv);
    }
    return san.on(
        context.node(),
        view -> {
          StringBuilder out = new StringBuilder();
          view.host().maps.values().forEach(map -> render(out, map, view));
          return ExecOutcome.ok(out.toString());
        });
  }

  private ExecOutcome multipathd(List<String> argv, ToolContext context) {
    List<String> args = argv.subList(1, argv.size());
    boolean reconfigure = args.equals(List.of("reconfigure"));
    boolean resize = args.size() == 3 && args.subList(0, 2).equals(List.of("resize", "map"));
    if (!reconfigure && !resize) {
      throw new UnsupportedFeatureException("multipathd " + String.join(" ", args));
    }
    return san.on(
        context.node(),
        view -> {
          if (!view.active(HostView.MULTIPATHD)) {
            return ExecOutcome.failure(1, "ux_socket_connect: Connection refused\n");
          }
          return reconfigure ? ExecOutcome.ok("ok\n") : resize(args.get(2), view);
        });
  }

  private static ExecOutcome resize(String wwid, HostView view) {
    MultipathMap map = view.host().maps.get(wwid);
    if (map == null) {
      return ExecOutcome.of(1, "fail\n", "");
    }
    List<Long> sizes =
        view.host().paths(wwid).entrySet().stream()
            .filter(p -> view.loggedIn(p.getValue()))
            .map(p -> p.getKey().sizeBytes)
            .distinct()
            .toList();
    if (sizes.size() != 1) {
      return ExecOutcome.of(1, "fail\n", "");
    }
    map.sizeBytes = sizes.get(0);
    return ExecOutcome.ok("ok\n");
  }

  private static void render(StringBuilder out, MultipathMap map, HostView view) {
    out.append(map.wwid)
        .append(" dm-")
        .append(map.minor)
        .append(' ')
        .append(map.inquiry.vendor())
        .append(',')
        .append(map.inquiry.product())
        .append('\n');
    out.append("size=")
        .append(size(map.sizeBytes))
        .append(" features='1 queue_if_no_path' hwhandler='1 alua' wp=rw\n");
    Map<ScsiDisk, Session> paths = view.host().paths(map.wwid);
    Optional<ScsiDisk> active =
        paths.entrySet().stream()
            .filter(p -> view.loggedIn(p.getValue()))
            .map(Map.Entry::getKey)
            .findFirst();
    int i = 0;
    for (Map.Entry<ScsiDisk, Session> path : paths.entrySet()) {
      boolean last = ++i == paths.size();
      boolean ready = view.loggedIn(path.getValue());
      ScsiDisk disk = path.getKey();
      out.append(last ? "`-+- " : "|-+- ")
          .append("policy='service-time 0' prio=")
          .append(ready ? 50 : 0)
          .append(" status=")
          .append(active.filter(disk::equals).isPresent() ? "active" : "enabled")
          .append('\n');
      out.append(last ? "  `- " : "| `- ")
          .append(path.getValue().scsiHost)
          .append(":0:0:")
          .append(disk.lun.lun())
          .append(' ')
          .append(disk.name())
          .append(' ')
          .append(disk.majorMinor())
          .append(ready ? " active ready running\n" : " failed faulty running\n");
    }
  }

  /** libmultipath's snprint_size: KiB upward by 1024, one decimal below 10 ({@code 5.0G}). */
  static String size(long bytes) {
    double s = bytes / 1024.0;
    char[] units = {'K', 'M', 'G', 'T', 'P'};
    int u = 0;
    while (s >= 1024 && u < units.length - 1) {
      s /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, s < 10 ? "%.1f%c" : "%.0f%c", s, units[u]);
  }
}
