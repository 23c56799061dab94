package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.domain.Bytes;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SigningInput;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.jcajce.CompositePrivateKey;
import org.bouncycastle.jcajce.CompositePublicKey;
import org.bouncycastle.jcajce.spec.ContextParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * Signet's constructions against independent implementations: Signet's pure ML-DSA (the JDK's)
 * against BouncyCastle's and the JDK's own verifiers, BouncyCastle's HashML-DSA (which hashes the
 * message itself), and BouncyCastle's composite verifier over the whole message. How the JDK and
 * BouncyCastle paths relate byte for byte is {@link JdkAndBouncyCastleMlDsaTest}'s subject.
 */
class InteroperabilityTest {
  private static final byte[] MESSAGE =
      "wire 250 EUR to account 42".getBytes(StandardCharsets.UTF_8);
  private static final Bytes NO_CONTEXT = Bytes.of(new byte[0]);
  private final SecureRandom random = new SecureRandom();

  private static KeyPair signetMlDsa() {
    return MlDsa65Scheme.generateKeyPair();
  }

  private static KeyPair bouncyCastleMlDsa() throws Exception {
    return KeyPairGenerator.getInstance("ML-DSA-65", BouncyCastle.provider()).generateKeyPair();
  }

  /** BouncyCastle's hedged signature of {@link #MESSAGE} with {@code pair}. */
  private byte[] bouncyCastleSignature(String algorithm, KeyPair pair) throws Exception {
    Signature bc = Signature.getInstance(algorithm, BouncyCastle.provider());
    bc.initSign(pair.getPrivate(), random);
    bc.update(MESSAGE);
    return bc.sign();
  }

  private static UnsealedMlDsaKey unsealed(KeyPair pair) throws Exception {
    return MlDsaFixtures.unsealed(pair);
  }

  private static PublicKey bouncyCastlePublicKey(KeyPair pair) throws Exception {
    return KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
        .generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
  }

  @Test
  void pureMlDsaSignaturesVerifyInBouncyCastleAndTheJdk() throws Exception {
    KeyPair pair = signetMlDsa();
    Bytes spki = Bytes.of(pair.getPublic().getEncoded());
    byte[] signature =
        MlDsa65Scheme.sign(
                unsealed(pair),
                spki,
                new SigningInput.Message(Bytes.of(MESSAGE), NO_CONTEXT),
                random)
            .toArray();

    Signature bc = Signature.getInstance("ML-DSA", BouncyCastle.provider());
    bc.initVerify(bouncyCastlePublicKey(pair));
    bc.update(MESSAGE);
    assertThat(bc.verify(signature)).isTrue();

    PublicKey jdkKey =
        KeyFactory.getInstance("ML-DSA", "SUN")
            .generatePublic(new X509EncodedKeySpec(spki.toArray()));
    Signature jdk = Signature.getInstance("ML-DSA", "SUN");
    jdk.initVerify(jdkKey);
    jdk.update(MESSAGE);
    assertThat(jdk.verify(signature)).isTrue();
  }

  @Test
  void bouncyCastleMlDsaSignaturesVerifyThroughSignet() throws Exception {
    KeyPair bcPair = bouncyCastleMlDsa();
    byte[] signature = bouncyCastleSignature("ML-DSA", bcPair);
    Bytes spki = Bytes.of(bcPair.getPublic().getEncoded());
    SigningInput input = new SigningInput.Message(Bytes.of(MESSAGE), NO_CONTEXT);
    MlDsa65Scheme scheme = new MlDsa65Scheme();
    assertThat(scheme.verify(spki, input, Bytes.of(signature))).isTrue();
    signature[7] ^= 1;
    assertThat(scheme.verify(spki, input, Bytes.of(signature))).isFalse();
  }

  @Test
  void hashMlDsaOverACallersSha512HashVerifiesWithBouncyCastlesHashMlDsaOverTheMessage()
      throws Exception {
    KeyPair pair = signetMlDsa();
    Bytes spki = Bytes.of(pair.getPublic().getEncoded());
    byte[] context = "ledger".getBytes(StandardCharsets.UTF_8);
    byte[] hash = MessageDigest.getInstance("SHA-512").digest(MESSAGE);
    Bytes signature =
        MlDsa65Scheme.sign(
            unsealed(pair),
            spki,
            new SigningInput.Digest(HashAlgorithm.SHA_512, Bytes.of(hash), Bytes.of(context)),
            random);
    Signature bc = Signature.getInstance("ML-DSA-65-WITH-SHA512", BouncyCastle.provider());
    bc.initVerify(bouncyCastlePublicKey(pair));
    bc.setParameter(new ContextParameterSpec(context));
    bc.update(MESSAGE);
    assertThat(bc.verify(signature.toArray())).isTrue();
  }

  @Test
  void bouncyCastlesHashMlDsaSignaturesVerifyThroughSignetsVerifyHash() throws Exception {
    KeyPair pair = bouncyCastleMlDsa();
    byte[] signature = bouncyCastleSignature("ML-DSA-65-WITH-SHA512", pair);
    Bytes spki = Bytes.of(pair.getPublic().getEncoded());
    byte[] hash = MessageDigest.getInstance("SHA-512").digest(MESSAGE);
    MlDsa65Scheme scheme = new MlDsa65Scheme();
    assertThat(
            scheme.verify(
                spki,
                new SigningInput.Digest(HashAlgorithm.SHA_512, Bytes.of(hash), NO_CONTEXT),
                Bytes.of(signature)))
        .isTrue();
    assertThat(
            scheme.verify(
                spki,
                new SigningInput.Digest(
                    HashAlgorithm.SHA_384,
                    Bytes.of(MessageDigest.getInstance("SHA-384").digest(MESSAGE)),
                    NO_CONTEXT),
                Bytes.of(signature)))
        .as("the hash OID is bound into the signature")
        .isFalse();
  }

  @Test
  void compositeSignaturesOverAMessageAndOverItsSha512VerifyWithBouncyCastlesCompositeVerifier()
      throws Exception {
    KeyPair mlDsa = signetMlDsa();
    KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
    ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = ecGenerator.generateKeyPair();
    CompositePrivateKey privateKey =
        new CompositePrivateKey(
            CompositeMlDsaScheme.OID, unsealed(mlDsa).bouncyCastle(), ec.getPrivate());
    // BouncyCastle's composite verifies with BouncyCastle's component keys; the JDK's ML-DSA
    // public key (what generation has) encodes into the same composite public key
    CompositePublicKey publicKey =
        new CompositePublicKey(
            CompositeMlDsaScheme.OID, bouncyCastlePublicKey(mlDsa), ec.getPublic());
    assertThat(
            new CompositePublicKey(CompositeMlDsaScheme.OID, mlDsa.getPublic(), ec.getPublic())
                .getEncoded())
        .isEqualTo(publicKey.getEncoded());
    byte[] hash = MessageDigest.getInstance("SHA-512").digest(MESSAGE);

    for (SigningInput input :
        new SigningInput[] {
          new SigningInput.Message(Bytes.of(MESSAGE), NO_CONTEXT),
          new SigningInput.Digest(HashAlgorithm.SHA_512, Bytes.of(hash), NO_CONTEXT)
        }) {
      Bytes signature = CompositeMlDsaScheme.sign(privateKey, input, random);
      Signature bc = Signature.getInstance("MLDSA65-ECDSA-P256-SHA512", BouncyCastle.provider());
      bc.initVerify(publicKey);
      bc.update(MESSAGE);
      assertThat(bc.verify(signature.toArray())).as(input.getClass().getSimpleName()).isTrue();
    }
  }
}
