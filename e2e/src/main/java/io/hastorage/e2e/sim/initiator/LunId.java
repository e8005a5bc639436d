package io.hastorage.e2e.sim.initiator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One logical unit on the SAN: a target IQN and a LUN number. Every initiator sees the same disk
 * behind it, under the same WWID.
 */
public record LunId(String iqn, int lun) {

  /** The NAA prefix LIO and SCST use for a T10 vendor-specific identifier: {@code 3} + OUI. */
  static final String WWID_PREFIX = "36001405";

  public LunId {
    Objects.requireNonNull(iqn, "iqn");
    if (lun < 0) {
      throw new IllegalArgumentException("negative LUN " + lun);
    }
  }

  /**
   * {@code 36001405} and the first 24 hex digits of sha256("IQN/LUN"), which are the operator's LUN
   * identity (scsi_sn + scsi_id, see {@code LunIdentity}): 32 characters, stable across failovers.
   */
  public String wwid() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((iqn + "/" + lun).getBytes(StandardCharsets.UTF_8));
      return WWID_PREFIX + HexFormat.of().formatHex(digest).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }

  @Override
  public String toString() {
    return iqn + "/" + lun;
  }
}
