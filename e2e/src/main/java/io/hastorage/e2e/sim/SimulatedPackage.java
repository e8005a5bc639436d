package io.hastorage.e2e.sim;

import java.util.List;
import java.util.Objects;

/**
 * A package in a node's repository or installed on it.
 *
 * @param version the full distribution version: {@code 2.1.8-1ubuntu1} (Debian) or {@code
 *     3.1.7-1.el7} (rpm VERSION-RELEASE)
 * @param units the systemd units the package ships, in the state they have right after install
 */
public record SimulatedPackage(String name, String version, List<ServiceUnit> units) {

  public SimulatedPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    units = List.copyOf(units);
  }

  public static SimulatedPackage of(String name, String version, ServiceUnit... units) {
    return new SimulatedPackage(name, version, List.of(units));
  }

  /** The upstream version, as tools print it: no epoch, no distribution release. */
  public String upstreamVersion() {
    String noEpoch = version.substring(version.indexOf(':') + 1);
    int dash = noEpoch.lastIndexOf('-');
    return dash < 0 ? noEpoch : noEpoch.substring(0, dash);
  }

  /** The rpm RELEASE part (after the last dash), or "1" when the version has none. */
  public String release() {
    int dash = version.lastIndexOf('-');
    return dash < 0 ? "1" : version.substring(dash + 1);
  }
}
