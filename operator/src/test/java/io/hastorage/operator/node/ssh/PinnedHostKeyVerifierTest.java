package io.hastorage.operator.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keys and fingerprints below were made with ssh-keygen; the fingerprints are its output. */
class PinnedHostKeyVerifierTest {

  private static final String ED25519 =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF79LVpU7a3YlpUr8iGhV9pyyEObXlLRNGjqP+Z4/Qkk";
  private static final String ED25519_FINGERPRINT =
      "SHA256:AgolVzDpi4ZdqwyaTng+/fC7Eps/CXWFkdt3UAQmnoo";
  private static final String RSA =
      "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDQFGSEuvhXmFwAq1O9oZtrGG4gebARkVu5worx1JqJ3h2Nk7WOsh"
          + "OKqfmziZ3cmqufjw2xL6A2Cr55XwDC7clhPilBr6MHt88MFZYFSUnvbk3jsQJUdcA6wERf02WW0e3FI3waWa"
          + "ftpa6YOIPdoJalSFTu5p8K0RWEtX5fd+McRQ==";
  private static final String RSA_FINGERPRINT =
      "SHA256:HqpuuS13zQPF6u2CzWYntJxJRaTUczoKAVWipO4JbJY";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "node1 " + ED25519,
        "node1,10.99.0.11 " + ED25519 + " root@node1",
        "[node1]:2222 " + ED25519,
        "|1|c2FsdA==|aGFzaA== " + ED25519,
        ED25519,
        ED25519 + " a comment",
        "ssh-gateway " + ED25519,
        "\n# comment line\n  node1 " + ED25519 + "  \n"
      })
  void acceptsThePinnedKeyWhateverTheHostField(String line) throws Exception {
    PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier("node1", line);

    assertThat(verifier.verify("any-host-name", 22, key(ED25519))).isTrue();
    assertThat(verifier.rejection()).isEmpty();
  }

  @Test
  void refusesADifferentKeyNamingBothFingerprints() throws Exception {
    PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier("node1", "node1 " + RSA);

    assertThat(verifier.verify("10.99.0.11", 22, key(ED25519))).isFalse();

    NodeAccessException rejection = verifier.rejection().orElseThrow();
    assertThat(rejection.failure()).isEqualTo(Failure.HostKeyMismatch);
    assertThat(rejection.getMessage())
        .contains("node1")
        .contains("expected ssh-rsa " + RSA_FINGERPRINT)
        .contains("presented ssh-ed25519 " + ED25519_FINGERPRINT);
  }

  @Test
  void refusesAnotherKeyOfTheSameType() throws Exception {
    java.security.KeyPair other = TestKeys.ec256();
    java.security.KeyPair pinned = TestKeys.ec256();
    String line =
        "node1 " + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(pinned.getPublic());
    PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier("node1", line);

    assertThat(verifier.verify("node1", 22, other.getPublic())).isFalse();
    assertThat(verifier.rejection().orElseThrow().failure()).isEqualTo(Failure.HostKeyMismatch);
    assertThat(new PinnedHostKeyVerifier("node1", line).verify("node1", 22, pinned.getPublic()))
        .isTrue();
  }

  @Test
  void acceptsAnyOfSeveralPinnedLines() throws Exception {
    PinnedHostKeyVerifier verifier =
        new PinnedHostKeyVerifier("node1", "node1 " + RSA + "\nnode1 " + ED25519 + "\n");

    assertThat(verifier.verify("node1", 22, key(ED25519))).isTrue();
    assertThat(verifier.verify("node1", 22, key(RSA))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\n# only a comment\n"})
  void missingPinRefusesEverything(String line) throws Exception {
    PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier("node1", line);

    assertThat(verifier.hasPin()).isFalse();
    assertThat(verifier.verify("node1", 22, key(ED25519))).isFalse();
    assertThat(verifier.rejection().orElseThrow().failure()).isEqualTo(Failure.HostKeyMissing);
    assertThat(verifier.missingPin().getMessage()).contains("node1").contains("no pinned host key");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "node1 ssh-ed25519 not*base64",
        "node1 ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIF79LVpU7a3YlpUr8iGhV9pyyEObXlLRNGjqP+Z4/Qkk",
        "@cert-authority *.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF79LVpU7a3YlpUr8iGhV9pyyEObXlLRNGjqP+Z4/Qkk",
        "@revoked node1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIF79LVpU7a3YlpUr8iGhV9pyyEObXlLRNGjqP+Z4/Qkk",
        "node1",
        "node1 AAAAC3NzaC1lZDI1NTE5AAAAIF79LVpU7a3YlpUr8iGhV9pyyEObXlLRNGjqP+Z4/Qkk"
      })
  void unreadablePinIsReportedAsMissing(String line) throws Exception {
    PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier("node1", line);

    assertThat(verifier.hasPin()).isFalse();
    assertThat(verifier.verify("node1", 22, key(ED25519))).isFalse();
    assertThat(verifier.missingPin().failure()).isEqualTo(Failure.HostKeyMissing);
    assertThat(verifier.missingPin().getMessage()).contains("cannot be read");
  }

  @Test
  void fingerprintsMatchSshKeygen() {
    assertThat(HostKeyPin.parse(ED25519).fingerprint()).isEqualTo(ED25519_FINGERPRINT);
    assertThat(HostKeyPin.parse("h " + RSA).fingerprint()).isEqualTo(RSA_FINGERPRINT);
  }

  @Test
  void negotiationPrefersThePinnedKeysAlgorithms() {
    assertThat(new PinnedHostKeyVerifier("n", "n " + RSA).findExistingAlgorithms("n", 22))
        .containsExactly("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
    assertThat(new PinnedHostKeyVerifier("n", "n " + ED25519).findExistingAlgorithms("x", 1))
        .containsExactly("ssh-ed25519");
    assertThat(new PinnedHostKeyVerifier("n", "").findExistingAlgorithms("n", 22)).isEmpty();
  }

  private static PublicKey key(String line) throws Exception {
    String base64 = line.split(" ")[1];
    return new Buffer.PlainBuffer(Base64.getDecoder().decode(base64)).readPublicKey();
  }
}
