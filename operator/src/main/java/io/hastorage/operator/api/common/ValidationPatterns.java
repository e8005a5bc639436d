package io.hastorage.operator.api.common;

/**
 * Every pattern a spec field is checked against. The same constants feed the CRD schema (through
 * {@code @Pattern}) and the code-side {@code SpecValidator}, because the schema can be bypassed (an
 * old CRD, a mock API server, a direct etcd write). They are deliberately narrower than what the
 * tools accept: anything that reaches a command line must be boring.
 */
public final class ValidationPatterns {

  /** A Kubernetes object name (DNS-1123 label). */
  public static final String K8S_NAME = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

  /** A node's host name as {@code uname -n} prints it (DNS-1123 subdomain, any case). */
  public static final String HOSTNAME =
      "^[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*$";

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
  private static final String IPV4_BODY = "(" + OCTET + "\\.){3}" + OCTET;

  /** A dotted IPv4 address. */
  public static final String IPV4 = "^" + IPV4_BODY + "$";

  /** An IPv4 network in CIDR notation. */
  public static final String IPV4_CIDR = "^" + IPV4_BODY + "/([0-9]|[12][0-9]|3[0-2])$";

  /** An SSH address: an IPv4 address or a host name. */
  public static final String ADDRESS =
      "^("
          + IPV4_BODY
          + "|[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([-A-Za-z0-9]{0,61}[A-Za-z0-9])?)*)$";

  /** A block device path under /dev, e.g. /dev/sdb, /dev/disk/by-id/wwn-0x5000c5. */
  public static final String DEVICE_PATH = "^/dev(/[A-Za-z0-9_][A-Za-z0-9._+:-]*)+$";

  /** An absolute directory path without dot-dot components, e.g. /srv/shared. */
  public static final String ABSOLUTE_PATH = "^(/[A-Za-z0-9_][A-Za-z0-9._-]*)+$";

  /** An iSCSI qualified name, e.g. iqn.2016-02.local.virtual:virtual.vg1. */
  public static final String IQN =
      "^iqn\\.[0-9]{4}-(0[1-9]|1[0-2])\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[A-Za-z0-9][A-Za-z0-9._:-]*)?$";

  /** A DRBD resource name. */
  public static final String DRBD_RESOURCE = "^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$";

  /** An LVM volume group or logical volume name (never starting with a dash). */
  public static final String LVM_NAME = "^[A-Za-z0-9_+][A-Za-z0-9_+.-]{0,62}$";

  /** An LV size: an absolute size with unit, or a percentage of the VG or of its free space. */
  public static final String LV_SIZE = "^([1-9][0-9]{0,9}[KMGTkmgt]|([1-9][0-9]?|100)%(VG|FREE))$";

  /** A DRBD resync rate, e.g. 40M. */
  public static final String RATE = "^[1-9][0-9]{0,8}[KMG]?$";

  /** An SCST device name, e.g. VDISK-LUN01. */
  public static final String SCST_DEVICE = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,47}$";

  /** A network interface name (IFNAMSIZ - 1 characters). */
  public static final String NIC = "^[A-Za-z0-9][A-Za-z0-9._-]{0,14}$";

  /** A distribution package name. */
  public static final String PACKAGE = "^[A-Za-z0-9][A-Za-z0-9.+_-]{0,127}$";

  /** A kernel module name. */
  public static final String KERNEL_MODULE = "^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$";

  /** A systemd unit name. */
  public static final String SERVICE = "^[A-Za-z0-9][A-Za-z0-9@._-]{0,127}$";

  /** A fence agent, e.g. fence_ipmilan. */
  public static final String FENCE_AGENT = "^fence_[a-z0-9_]{1,60}$";

  /** A parameter or property name (Pacemaker, SCST attribute, iSCSI key). */
  public static final String PARAMETER_NAME = "^[A-Za-z][A-Za-z0-9_-]{0,63}$";

  /** A parameter value: printable, no quotes, no shell or XML metacharacters. */
  public static final String PARAMETER_VALUE = "^[A-Za-z0-9 ._:/@+,=%-]{0,256}$";

  /** A key inside a Secret. */
  public static final String SECRET_KEY = "^[-._A-Za-z0-9]{1,253}$";

  /** An email address for MailTo. */
  public static final String EMAIL =
      "^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}$";

  /** A label for a file system or a Corosync/OCFS2 cluster name. */
  public static final String LABEL = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,15}$";

  /** A mount option, e.g. _netdev or noatime. */
  public static final String MOUNT_OPTION = "^[A-Za-z0-9_][A-Za-z0-9_=.,-]{0,63}$";

  private ValidationPatterns() {}
}
