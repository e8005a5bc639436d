package io.hastorage.operator.api.validation;

/** Minimal IPv4 arithmetic for "is this address inside that network" checks. */
public final class Ipv4 {

  private Ipv4() {}

  /** The address as an unsigned 32-bit value; the input must already match the IPv4 pattern. */
  public static long toLong(String address) {
    long value = 0;
    for (String octet : address.split("\\.")) {
      value = (value << 8) | Integer.parseInt(octet);
    }
    return value;
  }

  /** True when {@code address} lies inside {@code cidr} (a.b.c.d/n). */
  public static boolean contains(String cidr, String address) {
    int slash = cidr.indexOf('/');
    int prefix = Integer.parseInt(cidr.substring(slash + 1));
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    return (toLong(cidr.substring(0, slash)) & mask) == (toLong(address) & mask);
  }
}
