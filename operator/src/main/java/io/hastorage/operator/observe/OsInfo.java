package io.hastorage.operator.observe;

import java.util.Locale;
import java.util.Set;

/** The node's distribution, from /etc/os-release. */
public record OsInfo(String id, Set<String> idLike, String versionId, String prettyName) {

  public static final OsInfo UNKNOWN = new OsInfo("unknown", Set.of(), "", "unknown");

  /** Distribution families differ in package names and package manager. */
  public enum Family {
    DEBIAN,
    RHEL,
    UNKNOWN
  }

  public Family family() {
    if (is("debian") || is("ubuntu")) {
      return Family.DEBIAN;
    }
    if (is("rhel") || is("fedora") || is("centos")) {
      return Family.RHEL;
    }
    return Family.UNKNOWN;
  }

  /** The major version number, or 0 when unknown. */
  public int majorVersion() {
    String major = versionId.split("\\.", 2)[0];
    try {
      return Integer.parseInt(major);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private boolean is(String name) {
    return id.toLowerCase(Locale.ROOT).equals(name) || idLike.contains(name);
  }
}
