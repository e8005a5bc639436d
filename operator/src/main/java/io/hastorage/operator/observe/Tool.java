package io.hastorage.operator.observe;

/** The storage tools whose versions the operator reports and plans against. */
public enum Tool {
  DRBD_UTILS,
  DRBD_KERNEL,
  SCST,
  PACEMAKER,
  COROSYNC,
  OPEN_ISCSI
}
