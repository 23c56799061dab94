package io.signet.adapter.pkcs11;

import static io.signet.application.contract.KeyObjectAssertions.assertKeptInTheToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.contract.KeyCustodyContract;
import io.signet.application.port.KeyCustody;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SigningInput;
import io.signet.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.CompositePublicKey;
import org.bouncycastle.jcajce.spec.ContextParameterSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Pkcs11KeyCustodyIT extends KeyCustodyContract {
  private static OpenedToken opened;
  private static TokenKeys token;
  private static Pkcs11KeyCustody custody;
  private static KeySealer sealer;

  @BeforeAll
  static void openToken() {
    opened = OpenedToken.open();
    token = opened.keys();
    custody = opened.custody();
    sealer = new KeySealer(opened.keks());
  }

  @Override
  protected KeyCustody custody() {
    return custody;
  }

  @Test
  void eachVersionHasItsOwnNonExtractableKeyEncryptionKeyDestroyedWithIt() {
    KeyName name = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 1);
    custody.generate(name);
    assertKeptInTheToken(HsmLabels.kek(name), token.keyAttributes(HsmLabels.kek(name)))
        .containsEntry("CKA_TOKEN", true)
        .containsEntry("CKA_PRIVATE", true)
        .containsEntry("CKA_ENCRYPT", true)
        .containsEntry("CKA_DECRYPT", true)
        .containsEntry("CKA_WRAP", false)
        .containsEntry("CKA_UNWRAP", false)
        .containsEntry("CKA_SIGN", false);
    assertThat(custody.heldKeys()).contains(name);
    custody.destroy(name);
    assertThat(token.keyAttributes(HsmLabels.kek(name))).isEmpty();
    assertThat(custody.heldKeys()).doesNotContain(name);
  }

  @Test
  void aDestroyedVersionsSealedKeyCannotBeOpenedEvenWithAFreshLogin() {
    KeyName name = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 2);
    Bytes copy = custody.generate(name).sealedPrivateKey();
    assertThat(sealer.unseal(name, copy)).hasSizeGreaterThan(32);
    custody.destroy(name);
    assertThatThrownBy(() -> sealer.unseal(name, copy))
        .isInstanceOf(SignetException.NotFound.class)
        .hasMessageContaining("not on the token");
    OpenedToken again = OpenedToken.open();
    assertThatThrownBy(() -> new KeySealer(again.keks()).unseal(name, copy))
        .isInstanceOf(SignetException.NotFound.class);
  }

  @Test
  void aLegacySealedKeyIsResealedUnderItsVersionsOwnKeyThenTheSharedKeyIsRetired() {
    KeyName name = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 3);
    byte[] plain = new byte[64];
    new SecureRandom().nextBytes(plain);
    KeyEncryptionKeys keks = opened.keks();
    Bytes legacy = LegacySealedKeys.seal(keks, name, plain);
    assertThat(sealer.unseal(name, legacy)).isEqualTo(plain);

    Pkcs11SealedKeyUpgrade upgrade = new Pkcs11SealedKeyUpgrade(keks);
    assertThat(upgrade.needsReseal(legacy)).isTrue();
    Bytes fresh = upgrade.reseal(name, legacy);
    assertThat(upgrade.needsReseal(fresh)).isFalse();
    assertThat(fresh.toArray()[0]).isEqualTo((byte) 2);
    assertThat(sealer.unseal(name, fresh)).isEqualTo(plain);

    assertThat(upgrade.retireSharedKey()).isTrue();
    assertThatThrownBy(() -> sealer.unseal(name, legacy))
        .as("a copy of the old blob is shredded with the shared key")
        .isInstanceOf(SignetException.NotFound.class);
    assertThat(sealer.unseal(name, fresh)).isEqualTo(plain);
    custody.destroy(name);
    assertThatThrownBy(() -> sealer.unseal(name, fresh))
        .isInstanceOf(SignetException.NotFound.class);
  }

  @Test
  void refusesAWeakKeyEncryptionKeyWithAClearError() throws Exception {
    KeyName name = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 4);
    WeakKeys.createExtractableAesKey(HsmLabels.kek(name));
    try {
      assertThatThrownBy(() -> sealer.seal(name, new byte[32]))
          .isInstanceOf(SignetException.Unavailable.class)
          .hasMessageContaining("weaker than Signet requires")
          .hasMessageContaining("CKA_EXTRACTABLE=true")
          .hasMessageContaining("CKA_SENSITIVE=false");
      assertThatThrownBy(() -> opened.keks().ensure(HsmLabels.kek(name)))
          .hasMessageContaining("weaker than Signet requires");
    } finally {
      opened.keks().destroy(HsmLabels.kek(name));
    }
  }

  @Test
  void theCompositeEcHalfLivesOnTheTokenNeverExtractable() {
    KeyName name = new KeyName(TenantId.random(), Algorithm.COMPOSITE_ML_DSA, 1);
    custody.generate(name);
    try {
      assertKeptInTheToken(HsmLabels.key(name), token.keyAttributes(HsmLabels.key(name)))
          .containsEntry("CKA_SIGN", true)
          .containsEntry("CKA_DECRYPT", false);
    } finally {
      custody.destroy(name);
    }
  }

  @Test
  void publicKeysAreStandardSubjectPublicKeyInfo() throws Exception {
    KeyName mlDsa = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 1);
    byte[] spki = custody.generate(mlDsa).publicKey().toArray();
    PublicKey jdk = KeyFactory.getInstance("ML-DSA").generatePublic(new X509EncodedKeySpec(spki));
    assertThat(jdk.getAlgorithm()).isEqualTo("ML-DSA");
    assertThat(SubjectPublicKeyInfo.getInstance(spki).getAlgorithm().getAlgorithm().getId())
        .isEqualTo("2.16.840.1.101.3.4.3.18");

    KeyName composite = new KeyName(TenantId.random(), Algorithm.COMPOSITE_ML_DSA, 1);
    byte[] compositeSpki = custody.generate(composite).publicKey().toArray();
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(compositeSpki);
      assertThat(info.getAlgorithm().getAlgorithm().getId()).isEqualTo("1.3.6.1.5.5.7.6.45");
      CompositePublicKey parsed = new CompositePublicKey(info);
      assertThat(parsed.getPublicKeys()).hasSize(2);
      assertThat(parsed.getPublicKeys().get(1).getAlgorithm()).isIn("EC", "ECDSA");
    } finally {
      custody.destroy(composite);
    }
  }

  @Test
  void aSealedKeyOpensOnlyAsTheVersionItWasMadeFor() {
    KeyName name = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 4);
    Bytes sealed = custody.generate(name).sealedPrivateKey();
    byte[] plain = sealer.unseal(name, sealed);
    assertThat(plain.length).isGreaterThan(32);
    KeyName other = new KeyName(name.tenant(), name.algorithm(), 5);
    custody.generate(other);
    assertThatThrownBy(() -> sealer.unseal(other, sealed)).hasMessageContaining("does not open");
    byte[] tampered = sealed.toArray();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> sealer.unseal(name, Bytes.of(tampered)))
        .hasMessageContaining("does not open");
    custody.destroy(name);
    custody.destroy(other);
  }

  @Test
  void newMlDsaKeysAreSealedInTheExpandedKeyFormThatTheJdkAndBouncyCastleBothRead()
      throws Exception {
    KeyName name = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 6);
    Bytes sealed = custody.generate(name).sealedPrivateKey();
    byte[] plain = sealer.unseal(name, sealed);
    try {
      PrivateKeyInfo info = PrivateKeyInfo.getInstance(plain);
      assertThat(ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets())
          .as("expandedKey OCTET STRING (SIZE (4032))")
          .hasSize(4032);
      assertThat(JdkMlDsa.privateKey(plain)).isNotNull();
      assertThat(
              KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
                  .generatePrivate(new PKCS8EncodedKeySpec(plain)))
          .isNotNull();
    } finally {
      custody.destroy(name);
    }
  }

  /**
   * Versions sealed before JDK signing hold BouncyCastle's seed-and-expanded PKCS#8, which the JDK
   * cannot read: they are converted when unsealed, never re-sealed, and sign on every path.
   */
  @Test
  void aKeySealedInBouncyCastlesFormatByAnEarlierReleaseSignsOnEveryPath() throws Exception {
    KeyName name = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 7);
    KeyPair earlier =
        KeyPairGenerator.getInstance("ML-DSA-65", BouncyCastle.provider()).generateKeyPair();
    Bytes spki = Bytes.of(earlier.getPublic().getEncoded());
    Bytes sealed = custody.seal(name, earlier.getPrivate().getEncoded());
    KeyVersion version =
        KeyVersion.activated(name, spki, Protection.HSM_WRAPPED, sealed, Instant.EPOCH);
    byte[] message = "signed after the upgrade".getBytes(StandardCharsets.UTF_8);
    byte[] context = "ctx".getBytes(StandardCharsets.UTF_8);
    try {
      byte[] pure =
          custody
              .sign(version, new SigningInput.Message(Bytes.of(message), Bytes.of(new byte[0])))
              .toArray();
      Signature jdk = Signature.getInstance("ML-DSA", "SUN");
      jdk.initVerify(JdkMlDsa.publicKey(spki.toArray()));
      jdk.update(message);
      assertThat(jdk.verify(pure)).isTrue();

      byte[] withContext =
          custody
              .sign(version, new SigningInput.Message(Bytes.of(message), Bytes.of(context)))
              .toArray();
      Signature bc = Signature.getInstance("ML-DSA", BouncyCastle.provider());
      bc.initVerify(earlier.getPublic());
      bc.setParameter(new ContextParameterSpec(context));
      bc.update(message);
      assertThat(bc.verify(withContext)).isTrue();

      byte[] hash = MessageDigest.getInstance("SHA-512").digest(message);
      Bytes hashSigned =
          custody.sign(
              version,
              new SigningInput.Digest(
                  HashAlgorithm.SHA_512, Bytes.of(hash), Bytes.of(new byte[0])));
      assertThat(
              new MlDsa65Scheme()
                  .verify(
                      spki,
                      new SigningInput.Digest(
                          HashAlgorithm.SHA_512, Bytes.of(hash), Bytes.of(new byte[0])),
                      hashSigned))
          .isTrue();
      assertThat(version.sealedPrivateKey()).as("nothing was re-sealed").isEqualTo(sealed);
    } finally {
      custody.destroy(name);
    }
  }

  @Test
  void aSealedKeyThatIsNotTheVersionsPublicKeysIsRefused() {
    KeyName name = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 8);
    Bytes sealed = custody.generate(name).sealedPrivateKey();
    Bytes otherPublicKey = Bytes.of(MlDsa65Scheme.generateKeyPair().getPublic().getEncoded());
    KeyVersion mismatched =
        KeyVersion.activated(name, otherPublicKey, Protection.HSM_WRAPPED, sealed, Instant.EPOCH);
    try {
      assertThatThrownBy(
              () ->
                  custody.sign(
                      mismatched,
                      new SigningInput.Message(Bytes.of(new byte[] {1}), Bytes.of(new byte[0]))))
          .isInstanceOf(SignetException.class);
    } finally {
      custody.destroy(name);
    }
  }
}
