package io.hastorage.operator.plan.corosync;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.plan.ManagedFiles;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class AuthkeyTest {

  @Test
  void aKeyHasCorosyncKeygensDefaultSize() {
    assertThat(Authkey.generate(new SecureRandom())).hasSize(256);
  }

  @Test
  void eachKeyIsNew() {
    SecureRandom random = new SecureRandom();

    assertThat(Authkey.generate(random)).isNotEqualTo(Authkey.generate(random));
  }

  @Test
  void theHashIsTheManagedFileHashOfTheRawBytes() {
    byte[] key = Authkey.generate(new SecureRandom());

    assertThat(Authkey.sha256Hex(key)).isEqualTo(ManagedFiles.sha256(key)).hasSize(64);
  }

  /** sha256 of the empty input, so the hash is the plain file hash a probe computes. */
  @Test
  void theHashMatchesSha256sum() {
    assertThat(Authkey.sha256Hex(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
