package io.hastorage.operator.plan.scst;

import static io.hastorage.operator.api.common.ValidationPatterns.IQN;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SCSI identity of one LUN: what initiators and multipath use to recognise "the same disk"
 * whichever target node serves it. Derived only from (target IQN, LUN number), so both nodes render
 * the same values by construction, and a failover, an operator restart or a re-render never
 * presents a new disk.
 *
 * <p>Derivation (never change it: every existing initiator would see new disks): {@code d =
 * SHA-256(UTF-8(iqn + "/" + lun))} in lowercase hex; {@link #serial} is hex characters 0-15, {@link
 * #scsiId} hex characters 16-23, and {@link #t10DevId} is {@code serial + "-" + scsiId}.
 *
 * <p>Lengths are set by the tightest consumer:
 *
 * <ul>
 *   <li>SCST {@code usn} at most 20 characters ({@code MAX_USN_LEN (20+1)} and {@code
 *       vdev_sysfs_usn_store} in SCST's scst/src/dev_handlers/scst_vdisk.c); the serial has 16.
 *   <li>SCST {@code t10_dev_id} at most 25 characters ({@code char t10_dev_id[16+8+2]} and {@code
 *       vdev_sysfs_t10_dev_id_store}, same file). The scst-ocf SCSTLun agent (the seed's) writes
 *       {@code t10_dev_id = scsi_sn + "-" + scsi_id} (rbicelli/scst-ocf 1.3/SCSTLun, start), hence
 *       the 8-character {@link #scsiId}: 16 + 1 + 8 = 25. resource-agents' iSCSILogicalUnit with
 *       {@code implementation=scst} (4.13+) writes {@code usn} from scsi_sn and {@code t10_dev_id}
 *       from product_id, which therefore gets the whole {@link #t10DevId}: the same value as
 *       SCSTLun produces, so switching agent family keeps the identity.
 *   <li>tgt: {@code SCSI_ID_LEN 36} and {@code SCSI_SN_LEN 36} (fujita/tgt usr/tgtd.h; tgt 1.0.85
 *       is what Debian 12 packages); longer values would be cut silently. scsi_id gets {@link
 *       #t10DevId} (25), scsi_sn the serial (16). resource-agents 4.12's iSCSILogicalUnit meta-data
 *       still quotes IET's older 24-byte SCSI ID and 8-byte serial; IET is not a backend here.
 *   <li>LIO ({@code lio-t}): {@code wwn/vpd_unit_serial} below {@code INQUIRY_VPD_SERIAL_LEN} (254,
 *       include/target/target_core_base.h). LIO builds its NAA designator from the hex digits of
 *       the unit serial, which is why the serial is pure hex. LIO has no settable device id: the
 *       agent ignores scsi_id for lio-t (its unsupported_params list).
 * </ul>
 *
 * @param serial the unit serial number: SCST usn, iSCSILogicalUnit scsi_sn, LIO vpd_unit_serial
 * @param scsiId the SCSTLun agent's scsi_id, the suffix of {@link #t10DevId}
 */
public record LunIdentity(String serial, String scsiId) {

  /** Hex characters of the serial; at most SCST's usn limit of 20. */
  public static final int SERIAL_LENGTH = 16;

  /** Hex characters of the SCSTLun scsi_id; serial + "-" + this must fit SCST's 25. */
  public static final int SCSI_ID_LENGTH = 8;

  /** SCST's t10_dev_id limit; {@link #t10DevId} is exactly this long. */
  public static final int SCST_T10_DEV_ID_MAX = 25;

  /** SCST's usn limit. */
  public static final int SCST_USN_MAX = 20;

  /**
   * The identity of LUN {@code lun} of target {@code iqn}.
   *
   * @throws IllegalArgumentException if the IQN is not one or the LUN is outside 0..255
   */
  public static LunIdentity of(String iqn, int lun) {
    if (iqn == null || !iqn.matches(IQN)) {
      throw new IllegalArgumentException("LUN identity needs a valid target IQN");
    }
    if (lun < 0 || lun > 255) {
      throw new IllegalArgumentException("LUN identity needs a LUN number 0..255, got " + lun);
    }
    String hex = HexFormat.of().formatHex(sha256(iqn + "/" + lun));
    return new LunIdentity(
        hex.substring(0, SERIAL_LENGTH),
        hex.substring(SERIAL_LENGTH, SERIAL_LENGTH + SCSI_ID_LENGTH));
  }

  /** The T10 device id: SCST t10_dev_id, tgt scsi_id; "serial-scsiId", 25 characters. */
  public String t10DevId() {
    return serial + "-" + scsiId;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM provides SHA-256", e);
    }
  }
}
