package io.hastorage.e2e.sim;

import io.hastorage.operator.observe.OsInfo;
import java.util.Objects;
import java.util.Set;

/**
 * A distribution as the simulation sees it: its family, the {@code /etc/os-release} it ships, its
 * default kernel and which package-management programs exist on it (a Debian node has no {@code
 * rpm}; CentOS 7 has {@code yum} but no {@code dnf}).
 */
public record Distro(
    OsInfo.Family family, String osRelease, String defaultKernel, Set<String> packageTools) {

  public Distro {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(osRelease, "osRelease");
    Objects.requireNonNull(defaultKernel, "defaultKernel");
    packageTools = Set.copyOf(packageTools);
  }

  public static Distro ubuntu2204() {
    return new Distro(
        OsInfo.Family.DEBIAN,
        """
        PRETTY_NAME="Ubuntu 22.04.4 LTS"
        NAME="Ubuntu"
        VERSION_ID="22.04"
        VERSION="22.04.4 LTS (Jammy Jellyfish)"
        VERSION_CODENAME=jammy
        ID=ubuntu
        ID_LIKE=debian
        HOME_URL="https://www.ubuntu.com/"
        SUPPORT_URL="https://help.ubuntu.com/"
        BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
        UBUNTU_CODENAME=jammy
        """,
        "5.15.0-105-generic",
        Set.of("apt-get", "apt", "dpkg", "dpkg-query"));
  }

  public static Distro centos7() {
    return new Distro(
        OsInfo.Family.RHEL,
        """
        NAME="CentOS Linux"
        VERSION="7 (Core)"
        ID="centos"
        ID_LIKE="rhel fedora"
        VERSION_ID="7"
        PRETTY_NAME="CentOS Linux 7 (Core)"
        ANSI_COLOR="0;31"
        CPE_NAME="cpe:/o:centos:centos:7"
        HOME_URL="https://www.centos.org/"
        BUG_REPORT_URL="https://bugs.centos.org/"
        """,
        "3.10.0-1160.119.1.el7.x86_64",
        Set.of("rpm", "yum"));
  }

  /** A dnf-era RHEL clone (yum is an alias of dnf there). */
  public static Distro rocky9() {
    return new Distro(
        OsInfo.Family.RHEL,
        """
        NAME="Rocky Linux"
        VERSION="9.4 (Blue Onyx)"
        ID="rocky"
        ID_LIKE="rhel centos fedora"
        VERSION_ID="9.4"
        PRETTY_NAME="Rocky Linux 9.4 (Blue Onyx)"
        """,
        "5.14.0-427.13.1.el9_4.x86_64",
        Set.of("rpm", "yum", "dnf"));
  }

  public boolean hasPackageTool(String program) {
    return packageTools.contains(program);
  }

  /** The architecture suffix rpm and yum print after package versions. */
  public String arch() {
    return family == OsInfo.Family.DEBIAN ? "amd64" : "x86_64";
  }
}
