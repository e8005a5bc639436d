package io.hastorage.e2e.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Key handling for simulated nodes and their clients, via MINA's own encoders. Ed25519 when MINA
 * has an EdDSA provider (BouncyCastle, on the classpath through sshj), ECDSA P-256 otherwise.
 */
public final class SshKeys {

  private SshKeys() {}

  /** A fresh key pair: Ed25519 if available, else ECDSA P-256. */
  public static KeyPair generate() {
    try {
      if (SecurityUtils.isEDDSACurveSupported()) {
        KeyPairGenerator generator = SecurityUtils.getKeyPairGenerator(SecurityUtils.EDDSA);
        generator.initialize(256);
        return generator.generateKeyPair();
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      // fall back to ECDSA below
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no EC key generation in this JRE", e);
    }
  }

  /** The OpenSSH public key text, e.g. {@code ssh-ed25519 AAAA...}. */
  public static String openSshPublicKey(PublicKey key) {
    return PublicKeyEntry.toString(key);
  }

  /** Parses one authorized_keys / .pub line ({@code type base64 [comment]}). */
  public static PublicKey parsePublicKey(String line) {
    try {
      return AuthorizedKeyEntry.parseAuthorizedKeyEntry(line.strip())
          .resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not an OpenSSH public key line", e);
    }
  }

  /** The private key in OpenSSH format, unencrypted (what a node Secret holds). */
  public static String openSshPrivateKey(KeyPair keyPair, String comment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(keyPair, comment, null, out);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode private key", e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Whether two keys are the same, whichever provider made them (the JDK's and BouncyCastle's
   * Ed25519 keys are different classes with the same X.509 encoding).
   */
  public static boolean sameKey(PublicKey a, PublicKey b) {
    if (a == null || b == null) {
      return false;
    }
    byte[] encodedA = a.getEncoded();
    byte[] encodedB = b.getEncoded();
    if (encodedA != null && Arrays.equals(encodedA, encodedB)) {
      return true;
    }
    try {
      return KeyUtils.compareKeys(a, b);
    } catch (RuntimeException e) {
      return false;
    }
  }
}
