package io.hastorage.operator.observe.drbd;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads DRBD 8.4's {@code /proc/drbd}.
 *
 * <p>The kernel prints, per minor, a state line ({@code " 0: cs:Connected ro:Primary/Secondary
 * ds:UpToDate/UpToDate C r-----"}), a counter line ending in {@code oos:} (KiB), and while a resync
 * runs a progress bar line ({@code "[==>....] sync'ed: 12.5% (..)K"}) and a {@code finish:} line.
 * The protocol letter is printed while a net configuration exists, so WFConnection keeps it (seen
 * on a real 8.4.11 whose peer crashed) and StandAlone has none; an unconfigured minor prints only
 * {@code cs:Unconfigured}.
 *
 * <p>The parser never fails on odd or truncated output: it returns the devices it could read and
 * skips lines it does not know (so later 8.4 additions such as {@code act_log:} do no harm). It
 * throws {@link IllegalArgumentException} only when the text has neither a {@code version:} line
 * nor a device line, which means it is not /proc/drbd at all (or is empty because the module is not
 * loaded; the probe's exit code tells those apart).
 */
public final class ProcDrbdParser {

  private static final Pattern VERSION = Pattern.compile("^version: (\\S+)");
  private static final Pattern DEVICE = Pattern.compile("^\\s*(\\d{1,9}): cs:(\\S+)(.*)$");
  private static final Pattern ROLES = Pattern.compile("\\bro:(\\w+)/(\\w+)");
  private static final Pattern DISKS = Pattern.compile("\\bds:(\\w+)/(\\w+)");
  private static final Pattern PROTOCOL = Pattern.compile("\\s([ABC])\\s");
  private static final Pattern OOS = Pattern.compile("\\boos:(\\d+)");
  private static final Pattern SYNCED = Pattern.compile("sync'ed:\\s*(\\d+(?:\\.\\d+)?)%");

  private ProcDrbdParser() {}

  /** Parses the text of /proc/drbd; see the class comment for what is tolerated. */
  public static DrbdKernelStatus parse(String text) {
    Optional<String> version = Optional.empty();
    List<DrbdDeviceState> devices = new ArrayList<>();
    Builder current = null;
    for (String line : text.split("\n", -1)) {
      Matcher m;
      if ((m = VERSION.matcher(line)).find()) {
        version = Optional.of(m.group(1));
      } else if ((m = DEVICE.matcher(line)).find()) {
        if (current != null) {
          devices.add(current.build());
        }
        current = new Builder(Integer.parseInt(m.group(1)), m.group(2), m.group(3));
      } else if (current != null) {
        current.detail(line);
      }
    }
    if (current != null) {
      devices.add(current.build());
    }
    if (version.isEmpty() && devices.isEmpty()) {
      throw new IllegalArgumentException("not /proc/drbd output: no version and no device line");
    }
    return new DrbdKernelStatus(version, devices);
  }

  /** Collects one minor's lines; the state line comes first, counters and progress after it. */
  private static final class Builder {
    private final int minor;
    private final String cs;
    private final String stateRest;
    private long oosKiB;
    private OptionalDouble syncPercent = OptionalDouble.empty();

    Builder(int minor, String cs, String stateRest) {
      this.minor = minor;
      this.cs = cs;
      this.stateRest = stateRest + " ";
    }

    void detail(String line) {
      Matcher oos = OOS.matcher(line);
      if (oos.find()) {
        oosKiB = parseLongOrZero(oos.group(1));
      }
      Matcher synced = SYNCED.matcher(line);
      if (synced.find()) {
        syncPercent = OptionalDouble.of(Double.parseDouble(synced.group(1)));
      }
    }

    DrbdDeviceState build() {
      Matcher roles = ROLES.matcher(stateRest);
      Matcher disks = DISKS.matcher(stateRest);
      Matcher protocol = PROTOCOL.matcher(stateRest);
      boolean hasRoles = roles.find();
      boolean hasDisks = disks.find();
      return new DrbdDeviceState(
          minor,
          Optional.empty(),
          OptionalInt.empty(),
          Optional.empty(),
          cs,
          hasRoles ? roles.group(1) : DrbdDeviceState.UNKNOWN_ROLE,
          hasRoles ? roles.group(2) : DrbdDeviceState.UNKNOWN_ROLE,
          hasDisks ? disks.group(1) : DrbdDeviceState.UNKNOWN_DISK,
          hasDisks ? disks.group(2) : DrbdDeviceState.UNKNOWN_DISK,
          protocol.find() ? Optional.of(protocol.group(1)) : Optional.empty(),
          oosKiB,
          syncPercent);
    }
  }

  private static long parseLongOrZero(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) { // too long for a long: say "much", never "in sync"
      return Long.MAX_VALUE;
    }
  }
}
