package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.adapter.pkcs11.WycheproofMlDsaTest.FixedRandom;
import io.signet.domain.Bytes;
import io.signet.domain.signing.SigningInput;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.jcajce.CompositePrivateKey;
import org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey;
import org.bouncycastle.jcajce.spec.ContextParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * The JDK's ML-DSA-65 (what Signet signs and verifies pure, empty-context ML-DSA with) and
 * BouncyCastle's (everything else, and every key sealed before) are the same standard function: the
 * same key and randomness give the same signature bytes, each verifies the other's signatures,
 * public keys encode identically, and every sealed private-key form decodes to one key for both.
 */
class JdkAndBouncyCastleMlDsaTest {
  private static final byte[] MESSAGE = "pay 3 BTC to bob".getBytes(StandardCharsets.UTF_8);
  private static final Bytes NO_CONTEXT = Bytes.of(new byte[0]);
  private static final SigningInput PURE = new SigningInput.Message(Bytes.of(MESSAGE), NO_CONTEXT);
  private final SecureRandom random = new SecureRandom();

  private static KeyPair bouncyCastlePair() throws GeneralSecurityException {
    return KeyPairGenerator.getInstance("ML-DSA-65", BouncyCastle.provider()).generateKeyPair();
  }

  private static PublicKey bouncyCastlePublicKey(KeyPair pair) throws GeneralSecurityException {
    return KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
        .generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
  }

  private byte[] fixedRnd() {
    byte[] rnd = new byte[32];
    random.nextBytes(rnd);
    return rnd;
  }

  @Test
  void theSameKeyAndRandomnessGiveByteIdenticalSignaturesInBothImplementations() throws Exception {
    for (KeyPair pair : List.of(MlDsa65Scheme.generateKeyPair(), bouncyCastlePair())) {
      UnsealedMlDsaKey key = MlDsaFixtures.unsealed(pair);
      Bytes spki = Bytes.of(pair.getPublic().getEncoded());
      byte[] rnd = fixedRnd();
      byte[] jdk = JdkMlDsa.sign(key.jdk(), MESSAGE, new FixedRandom(rnd));
      byte[] bc =
          MlDsa65Scheme.signWithBouncyCastle(key.bouncyCastle(), spki, PURE, new FixedRandom(rnd))
              .toArray();
      assertThat(jdk).hasSize(3309).isEqualTo(bc);
      assertThat(MlDsa65Scheme.sign(key, spki, PURE, new FixedRandom(rnd)).toArray())
          .as("the production path is the JDK's")
          .isEqualTo(jdk);
    }
  }

  @Test
  void jdkSignaturesVerifyInBouncyCastleAndBouncyCastleSignaturesInTheJdk() throws Exception {
    KeyPair pair = MlDsa65Scheme.generateKeyPair();
    UnsealedMlDsaKey key = MlDsaFixtures.unsealed(pair);
    byte[] spki = pair.getPublic().getEncoded();
    PublicKey jdkPublic = JdkMlDsa.publicKey(spki);
    PublicKey bcPublic = bouncyCastlePublicKey(pair);

    Signature jdkSigner = Signature.getInstance("ML-DSA", "SUN");
    jdkSigner.initSign(key.jdk(), random);
    jdkSigner.update(MESSAGE);
    byte[] byJdk = jdkSigner.sign();
    Signature bcVerifier = Signature.getInstance("ML-DSA", BouncyCastle.provider());
    bcVerifier.initVerify(bcPublic);
    bcVerifier.update(MESSAGE);
    assertThat(bcVerifier.verify(byJdk)).isTrue();

    Signature bcSigner = Signature.getInstance("ML-DSA", BouncyCastle.provider());
    bcSigner.initSign(key.bouncyCastle(), random);
    bcSigner.update(MESSAGE);
    byte[] byBc = bcSigner.sign();
    Signature jdkVerifier = Signature.getInstance("ML-DSA", "SUN");
    jdkVerifier.initVerify(jdkPublic);
    jdkVerifier.update(MESSAGE);
    assertThat(jdkVerifier.verify(byBc)).isTrue();

    byBc[100] ^= 1;
    jdkVerifier.initVerify(jdkPublic);
    jdkVerifier.update(MESSAGE);
    assertThat(jdkVerifier.verify(byBc)).isFalse();
  }

  @Test
  void publicKeysEncodeIdenticallyInBothImplementations() throws Exception {
    byte[] fromJdk = MlDsa65Scheme.generateKeyPair().getPublic().getEncoded();
    assertThat(
            KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
                .generatePublic(new X509EncodedKeySpec(fromJdk))
                .getEncoded())
        .isEqualTo(fromJdk);
    byte[] fromBc = bouncyCastlePair().getPublic().getEncoded();
    assertThat(JdkMlDsa.publicKey(fromBc).getEncoded()).isEqualTo(fromBc);
  }

  @Test
  void newKeysAreInTheFormBothReadAndTheJdkReadsOnlyThatForm() throws Exception {
    byte[] generated = MlDsa65Scheme.generateKeyPair().getPrivate().getEncoded();
    PrivateKey read =
        KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
            .generatePrivate(new PKCS8EncodedKeySpec(generated));
    assertThat(read.getEncoded()).as("BouncyCastle reads the JDK's PKCS#8").isEqualTo(generated);
    assertThat(JdkMlDsa.privateKey(generated).getEncoded()).isEqualTo(generated);

    // why sealed keys are converted when unsealed: JDK 25 refuses BouncyCastle's other forms
    MLDSAPrivateKey bc = (MLDSAPrivateKey) bouncyCastlePair().getPrivate();
    assertThatThrownBy(() -> JdkMlDsa.privateKey(bc.getEncoded()))
        .as("seed and expanded key")
        .isInstanceOf(GeneralSecurityException.class);
    assertThatThrownBy(() -> JdkMlDsa.privateKey(bc.getPrivateKey(true).getEncoded()))
        .as("seed only")
        .isInstanceOf(GeneralSecurityException.class);
    assertThat(JdkMlDsa.privateKey(bc.getPrivateKey(false).getEncoded())).isNotNull();
  }

  @Test
  void everyStoredPrivateKeyFormDecodesToTheSameKeyForBoth() throws Exception {
    KeyPair pair = bouncyCastlePair();
    MLDSAPrivateKey bc = (MLDSAPrivateKey) pair.getPrivate();
    Bytes spki = Bytes.of(pair.getPublic().getEncoded());
    byte[] rnd = fixedRnd();
    byte[] expected = null;
    for (byte[] form :
        List.of(
            bc.getEncoded(),
            bc.getPrivateKey(true).getEncoded(),
            bc.getPrivateKey(false).getEncoded())) {
      UnsealedMlDsaKey key = UnsealedMlDsaKey.decode(form, spki);
      byte[] jdk = MlDsa65Scheme.sign(key, spki, PURE, new FixedRandom(rnd)).toArray();
      byte[] withContext =
          MlDsa65Scheme.sign(
                  key,
                  spki,
                  new SigningInput.Message(Bytes.of(MESSAGE), Bytes.of(new byte[] {1})),
                  new FixedRandom(rnd))
              .toArray();
      if (expected == null) expected = jdk;
      assertThat(jdk).isEqualTo(expected);
      assertThat(new MlDsa65Scheme().verify(spki, PURE, Bytes.of(jdk))).isTrue();
      assertThat(
              new MlDsa65Scheme()
                  .verify(
                      spki,
                      new SigningInput.Message(Bytes.of(MESSAGE), Bytes.of(new byte[] {1})),
                      Bytes.of(withContext)))
          .isTrue();
    }
  }

  @Test
  void refusesAPrivateKeyOfAnotherParameterSet() throws Exception {
    byte[] mlDsa44 =
        KeyPairGenerator.getInstance("ML-DSA-44", BouncyCastle.provider())
            .generateKeyPair()
            .getPrivate()
            .getEncoded();
    Bytes spki = Bytes.of(MlDsa65Scheme.generateKeyPair().getPublic().getEncoded());
    assertThatThrownBy(() -> UnsealedMlDsaKey.decode(mlDsa44, spki))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("not an ML-DSA-65 private key");
  }

  @Test
  void refusesAPrivateKeyThatDoesNotBelongToTheVersionsPublicKey() throws Exception {
    byte[] privateKey = MlDsa65Scheme.generateKeyPair().getPrivate().getEncoded();
    Bytes otherPublicKey = Bytes.of(MlDsa65Scheme.generateKeyPair().getPublic().getEncoded());
    assertThatThrownBy(() -> UnsealedMlDsaKey.decode(privateKey, otherPublicKey))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("does not belong to the public key");
  }

  @Test
  void signaturesAreHedgedOnBothPaths() throws Exception {
    KeyPair pair = MlDsa65Scheme.generateKeyPair();
    UnsealedMlDsaKey key = MlDsaFixtures.unsealed(pair);
    Bytes spki = Bytes.of(pair.getPublic().getEncoded());
    SigningInput withContext =
        new SigningInput.Message(
            Bytes.of(MESSAGE), Bytes.of("ctx".getBytes(StandardCharsets.UTF_8)));
    MlDsa65Scheme scheme = new MlDsa65Scheme();
    for (SigningInput input : List.of(PURE, withContext)) {
      Bytes first = MlDsa65Scheme.sign(key, spki, input, random);
      Bytes second = MlDsa65Scheme.sign(key, spki, input, random);
      assertThat(first.toArray()).as("fresh randomness each time").isNotEqualTo(second.toArray());
      assertThat(scheme.verify(spki, input, first)).isTrue();
      assertThat(scheme.verify(spki, input, second)).isTrue();
    }
  }

  @Test
  void aContextSignatureIsBouncyCastlesAndBindsTheContext() throws Exception {
    KeyPair pair = MlDsa65Scheme.generateKeyPair();
    UnsealedMlDsaKey key = MlDsaFixtures.unsealed(pair);
    Bytes spki = Bytes.of(pair.getPublic().getEncoded());
    byte[] context = "invoice".getBytes(StandardCharsets.UTF_8);
    byte[] signature =
        MlDsa65Scheme.sign(
                key, spki, new SigningInput.Message(Bytes.of(MESSAGE), Bytes.of(context)), random)
            .toArray();

    Signature bc = Signature.getInstance("ML-DSA", BouncyCastle.provider());
    bc.initVerify(bouncyCastlePublicKey(pair));
    bc.setParameter(new ContextParameterSpec(context));
    bc.update(MESSAGE);
    assertThat(bc.verify(signature)).isTrue();
    assertThat(new MlDsa65Scheme().verify(spki, PURE, Bytes.of(signature)))
        .as("not valid without its context (checked by the JDK)")
        .isFalse();
  }

  /**
   * Why the composite stays with BouncyCastle: its ML-DSA half is ML-DSA.Sign(sk, M', ctx = the
   * composite's label), a non-empty context the JDK cannot sign or verify.
   */
  @Test
  void theCompositesMlDsaHalfCarriesTheLabelAsContextWhichTheJdkCannotExpress() throws Exception {
    KeyPair mlDsa = MlDsa65Scheme.generateKeyPair();
    KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
    ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = ecGenerator.generateKeyPair();
    UnsealedMlDsaKey key = MlDsaFixtures.unsealed(mlDsa);
    byte[] composite =
        CompositeMlDsaScheme.sign(
                new CompositePrivateKey(
                    CompositeMlDsaScheme.OID, key.bouncyCastle(), ec.getPrivate()),
                PURE,
                random)
            .toArray();
    byte[] mlDsaHalf = Arrays.copyOf(composite, 3309);
    byte[] label = "COMPSIG-MLDSA65-ECDSA-P256-SHA512".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream representative = new ByteArrayOutputStream();
    representative.write("CompositeAlgorithmSignatures2025".getBytes(StandardCharsets.US_ASCII));
    representative.write(label);
    representative.write(0); // the caller's context: empty
    representative.write(MessageDigest.getInstance("SHA-512").digest(MESSAGE));
    byte[] mPrime = representative.toByteArray();

    Signature bc = Signature.getInstance("ML-DSA", BouncyCastle.provider());
    bc.initVerify(bouncyCastlePublicKey(mlDsa));
    bc.setParameter(new ContextParameterSpec(label));
    bc.update(mPrime);
    assertThat(bc.verify(mlDsaHalf)).as("ML-DSA over M' with the label as context").isTrue();
    assertThat(
            MlDsa65Scheme.verifyWithJdk(
                JdkMlDsa.publicKey(mlDsa.getPublic().getEncoded()),
                Bytes.of(mPrime),
                Bytes.of(mlDsaHalf)))
        .as("the JDK, which has no context, cannot verify it")
        .isFalse();
  }
}
