package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.Objects;

/** An iSCSI portal, {@code IP:PORT}; the port defaults to 3260 as iscsiadm's does. */
record Portal(String ip, int port) implements Comparable<Portal> {

  static final int DEFAULT_PORT = 3260;

  Portal {
    Objects.requireNonNull(ip, "ip");
  }

  /** {@code IP}, {@code IP:PORT} or {@code IP:PORT,TPGT} (the TPGT is ignored); IPv4 only. */
  static Portal parse(String text) {
    String address = text.contains(",") ? text.substring(0, text.indexOf(',')) : text;
    int colon = address.lastIndexOf(':');
    String ip = colon < 0 ? address : address.substring(0, colon);
    if (!ip.matches("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$")) {
      throw new UnsupportedFeatureException("iSCSI portal other than an IPv4 address: " + text);
    }
    try {
      return new Portal(
          ip, colon < 0 ? DEFAULT_PORT : Integer.parseInt(address.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new UnsupportedFeatureException("iSCSI portal with a bad port: " + text);
    }
  }

  /** {@code IP,PORT}, as iscsiadm writes portals inside its brackets. */
  String comma() {
    return ip + "," + port;
  }

  @Override
  public String toString() {
    return ip + ":" + port;
  }

  @Override
  public int compareTo(Portal other) {
    return toString().compareTo(other.toString());
  }
}
