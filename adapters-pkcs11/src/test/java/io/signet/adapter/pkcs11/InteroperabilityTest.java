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
 * Signet's constructions against independent implementations: JDK 25's own ML-DSA (both
 * directions), BouncyCastle's HashML-DSA (which hashes the message itself), and BouncyCastle's
 * composite verifier over the whole message.
 */
class InteroperabilityTest {
  private static final byte[] MESSAGE =
      "wire 250 EUR to account 42".getBytes(StandardCharsets.UTF_8);
  private static final Bytes NO_CONTEXT = Bytes.of(new byte[0]);
  private final SecureRandom random = new SecureRandom();

  private static KeyPair bcMlDsa() throws Exception {
    return KeyPairGenerator.getInstance("ML-DSA-65", BouncyCastle.provider()).generateKeyPair();
  }

  @Test
  void pureMlDsaSignaturesVerifyInTheJdk() throws Exception {
    KeyPair pair = bcMlDsa();
    Bytes spki = Bytes.of(pair.getPublic().getEncoded());
    Bytes signature =
        MlDsa65Scheme.sign(
            pair.getPrivate(),
            spki,
            new SigningInput.Message(Bytes.of(MESSAGE), NO_CONTEXT),
            random);
    PublicKey jdkKey =
        KeyFactory.getInstance("ML-DSA", "SUN")
            .generatePublic(new X509EncodedKeySpec(spki.toArray()));
    Signature jdk = Signature.getInstance("ML-DSA", "SUN");
    jdk.initVerify(jdkKey);
    jdk.update(MESSAGE);
    assertThat(jdk.verify(signature.toArray())).isTrue();
  }

  @Test
  void jdkMlDsaSignaturesVerifyThroughSignet() throws Exception {
    KeyPair jdkPair = KeyPairGenerator.getInstance("ML-DSA-65", "SUN").generateKeyPair();
    Signature jdk = Signature.getInstance("ML-DSA", "SUN");
    jdk.initSign(jdkPair.getPrivate());
    jdk.update(MESSAGE);
    byte[] signature = jdk.sign();
    Bytes spki = Bytes.of(jdkPair.getPublic().getEncoded());
    PublicKey bcKey =
        KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
            .generatePublic(new X509EncodedKeySpec(spki.toArray()));
    SigningInput input = new SigningInput.Message(Bytes.of(MESSAGE), NO_CONTEXT);
    assertThat(MlDsa65Scheme.verify(bcKey, spki, input, Bytes.of(signature))).isTrue();
    signature[7] ^= 1;
    assertThat(MlDsa65Scheme.verify(bcKey, spki, input, Bytes.of(signature))).isFalse();
  }

  @Test
  void hashMlDsaOverACallersSha512HashVerifiesWithBouncyCastlesHashMlDsaOverTheMessage()
      throws Exception {
    KeyPair pair = bcMlDsa();
    Bytes spki = Bytes.of(pair.getPublic().getEncoded());
    byte[] context = "ledger".getBytes(StandardCharsets.UTF_8);
    byte[] hash = MessageDigest.getInstance("SHA-512").digest(MESSAGE);
    Bytes signature =
        MlDsa65Scheme.sign(
            pair.getPrivate(),
            spki,
            new SigningInput.Digest(HashAlgorithm.SHA_512, Bytes.of(hash), Bytes.of(context)),
            random);
    Signature bc = Signature.getInstance("ML-DSA-65-WITH-SHA512", BouncyCastle.provider());
    bc.initVerify(pair.getPublic());
    bc.setParameter(new ContextParameterSpec(context));
    bc.update(MESSAGE);
    assertThat(bc.verify(signature.toArray())).isTrue();
  }

  @Test
  void bouncyCastlesHashMlDsaSignaturesVerifyThroughSignetsVerifyHash() throws Exception {
    KeyPair pair = bcMlDsa();
    Signature bc = Signature.getInstance("ML-DSA-65-WITH-SHA512", BouncyCastle.provider());
    bc.initSign(pair.getPrivate(), random);
    bc.update(MESSAGE);
    byte[] signature = bc.sign();
    Bytes spki = Bytes.of(pair.getPublic().getEncoded());
    byte[] hash = MessageDigest.getInstance("SHA-512").digest(MESSAGE);
    assertThat(
            MlDsa65Scheme.verify(
                pair.getPublic(),
                spki,
                new SigningInput.Digest(HashAlgorithm.SHA_512, Bytes.of(hash), NO_CONTEXT),
                Bytes.of(signature)))
        .isTrue();
    assertThat(
            MlDsa65Scheme.verify(
                pair.getPublic(),
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
    KeyPair mlDsa = bcMlDsa();
    KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
    ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = ecGenerator.generateKeyPair();
    CompositePrivateKey privateKey =
        new CompositePrivateKey(CompositeMlDsaScheme.OID, mlDsa.getPrivate(), ec.getPrivate());
    CompositePublicKey publicKey =
        new CompositePublicKey(CompositeMlDsaScheme.OID, mlDsa.getPublic(), ec.getPublic());
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
