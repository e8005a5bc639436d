package io.hastorage.operator.plan.scst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LunIdentityTest {

  @Test
  void theSeedLunHasThePinnedIdentity() {
    LunIdentity id = LunIdentity.of(SeedScstTarget.IQN, 0);

    // SHA-256("iqn.2016-02.local.virtual:virtual.vg1/0") = c92c0be658a9f208 05662715 ...
    assertThat(id.serial()).isEqualTo("c92c0be658a9f208");
    assertThat(id.scsiId()).isEqualTo("05662715");
    assertThat(id.t10DevId()).isEqualTo("c92c0be658a9f208-05662715");
  }

  @Test
  void otherLunsAndTargetsArePinnedToo() {
    assertThat(LunIdentity.of(SeedScstTarget.IQN, 1).t10DevId())
        .isEqualTo("c2ef755c4652e141-3ca5a420");
    assertThat(LunIdentity.of("iqn.2003-01.org.example:t1", 7).t10DevId())
        .isEqualTo("d9f3bd6921ee36a6-7656ebaf");
  }

  @Test
  void fitsEveryBackendsLimitsAndIsHexForLio() {
    LunIdentity id = LunIdentity.of(SeedScstTarget.IQN, 255);

    assertThat(id.serial()).hasSize(16).matches("[0-9a-f]+");
    assertThat(id.serial().length()).isLessThanOrEqualTo(LunIdentity.SCST_USN_MAX);
    assertThat(id.t10DevId()).hasSize(LunIdentity.SCST_T10_DEV_ID_MAX);
    assertThat(id.t10DevId().length()).isLessThanOrEqualTo(36); // tgt SCSI_ID_LEN
  }

  @Test
  void isTheSameOnEveryCallAndDistinctPerLun() {
    Set<String> serials = new HashSet<>();
    Set<String> deviceIds = new HashSet<>();
    for (int lun = 0; lun <= 255; lun++) {
      LunIdentity id = LunIdentity.of(SeedScstTarget.IQN, lun);
      assertThat(LunIdentity.of(SeedScstTarget.IQN, lun)).isEqualTo(id);
      serials.add(id.serial());
      deviceIds.add(id.t10DevId());
    }
    assertThat(serials).hasSize(256);
    assertThat(deviceIds).hasSize(256);
  }

  @Test
  void refusesAnInvalidIqnOrLun() {
    assertThatThrownBy(() -> LunIdentity.of("not-an-iqn", 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LunIdentity.of(SeedScstTarget.IQN, 256))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LunIdentity.of(SeedScstTarget.IQN, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
