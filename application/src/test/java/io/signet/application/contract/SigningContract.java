package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.KeyCustody;
import io.signet.application.port.SignatureVerifier;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SignatureFormat;
import io.signet.domain.signing.SigningInput;
import io.signet.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What signing through {@link KeyCustody} and verifying through {@link SignatureVerifier} must do
 * together.
 */
public abstract class SigningContract {
  private static final Bytes NO_CONTEXT = Bytes.of(new byte[0]);

  protected abstract KeyCustody custody();

  protected abstract SignatureVerifier verifier();

  private KeyVersion aKey(Algorithm algorithm) {
    KeyName name = new KeyName(TenantId.random(), algorithm, 1);
    KeyCustody.GeneratedKey generated = custody().generate(name);
    return KeyVersion.activated(
        name,
        generated.publicKey(),
        generated.protection(),
        generated.sealedPrivateKey(),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  private static Bytes text(String s) {
    return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
  }

  private static Bytes flip(Bytes b) {
    byte[] copy = b.toArray();
    copy[copy.length / 2] ^= 0x01;
    return Bytes.of(copy);
  }

  /**
   * Flips a bit in the first byte: ECDSA uses only the leftmost bits of a hash longer than its
   * order (FIPS 186-5), so a change past them is not a change to it.
   */
  private static Bytes flipFirst(Bytes b) {
    byte[] copy = b.toArray();
    copy[0] ^= 0x01;
    return Bytes.of(copy);
  }

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void signaturesVerifyAndTamperingIsDetected(Algorithm algorithm) {
    KeyVersion key = aKey(algorithm);
    try {
      SigningInput input = new SigningInput.Message(text("pay 100 to alice"), NO_CONTEXT);
      Bytes signature = custody().sign(key, input);
      assertThat(verifier().verify(key, input, signature)).isTrue();
      assertThat(verifier().verify(key, input, flip(signature))).isFalse();
      assertThat(
              verifier()
                  .verify(
                      key,
                      new SigningInput.Message(text("pay 900 to alice"), NO_CONTEXT),
                      signature))
          .isFalse();
      if (algorithm.hasContext()) {
        assertThat(
                verifier()
                    .verify(
                        key,
                        new SigningInput.Message(text("pay 100 to alice"), text("other")),
                        signature))
            .isFalse();
      }
      assertThat(verifier().verify(key, input, Bytes.of(new byte[] {1, 2, 3}))).isFalse();
      assertThat(verifier().verify(aKey(algorithm), input, signature)).as("another key").isFalse();
    } finally {
      custody().destroy(key.name());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"DILITHIUM3", "COMPOSITE_ML_DSA"})
  void contextIsBoundIntoTheSignature(Algorithm algorithm) {
    KeyVersion key = aKey(algorithm);
    try {
      SigningInput input = new SigningInput.Message(text("m"), text("invoice-v2"));
      Bytes signature = custody().sign(key, input);
      assertThat(verifier().verify(key, input, signature)).isTrue();
      assertThat(verifier().verify(key, new SigningInput.Message(text("m"), NO_CONTEXT), signature))
          .isFalse();
    } finally {
      custody().destroy(key.name());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Algorithm.class,
      names = {"DILITHIUM3", "COMPOSITE_ML_DSA", "ECDSA_P256", "ECDSA_SECP256K1"})
  void signsPrecomputedSha512Hashes(Algorithm algorithm) throws Exception {
    KeyVersion key = aKey(algorithm);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-512").digest("document".getBytes(StandardCharsets.UTF_8));
      SigningInput input =
          new SigningInput.Digest(HashAlgorithm.SHA_512, Bytes.of(hash), NO_CONTEXT);
      Bytes signature = custody().sign(key, input);
      assertThat(verifier().verify(key, input, signature)).isTrue();
      assertThat(
              verifier()
                  .verify(
                      key,
                      new SigningInput.Digest(
                          HashAlgorithm.SHA_512, flipFirst(Bytes.of(hash)), NO_CONTEXT),
                      signature))
          .isFalse();
    } finally {
      custody().destroy(key.name());
    }
  }

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void signsEveryHashItsAlgorithmTakesInEveryFormat(Algorithm algorithm) {
    KeyVersion key = aKey(algorithm);
    try {
      for (HashAlgorithm hashAlgorithm : algorithm.hashAlgorithms()) {
        byte[] hash = new byte[hashAlgorithm.length()];
        new java.security.SecureRandom().nextBytes(hash);
        for (SignatureFormat format : algorithm.formats()) {
          SigningInput input =
              new SigningInput.Digest(hashAlgorithm, Bytes.of(hash), NO_CONTEXT, format);
          try {
            input.requireSupportedBy(algorithm);
          } catch (SignetException.InvalidRequest notThisCombination) {
            continue; // e.g. ethereum takes only Keccak-256 hashes
          }
          Bytes signature = custody().sign(key, input);
          assertThat(verifier().verify(key, input, signature))
              .as(hashAlgorithm + " " + format)
              .isTrue();
        }
      }
    } finally {
      custody().destroy(key.name());
    }
  }

  @Test
  void signsSha256AndSha384HashesWithMlDsa() throws Exception {
    KeyVersion key = aKey(Algorithm.DILITHIUM3);
    for (HashAlgorithm hashAlgorithm :
        new HashAlgorithm[] {HashAlgorithm.SHA_256, HashAlgorithm.SHA_384}) {
      byte[] hash =
          MessageDigest.getInstance(hashAlgorithm.wireName())
              .digest("document".getBytes(StandardCharsets.UTF_8));
      SigningInput input = new SigningInput.Digest(hashAlgorithm, Bytes.of(hash), NO_CONTEXT);
      Bytes signature = custody().sign(key, input);
      assertThat(verifier().verify(key, input, signature)).isTrue();
    }
  }

  @Test
  void signaturesAreHedged() {
    KeyVersion key = aKey(Algorithm.DILITHIUM3);
    SigningInput input = new SigningInput.Message(text("same"), NO_CONTEXT);
    assertThat(custody().sign(key, input)).isNotEqualTo(custody().sign(key, input));
  }
}
