package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.contract.KeyCustodyContract;
import io.signet.application.port.KeyCustody;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.CompositePublicKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class Pkcs11KeyCustodyIT extends KeyCustodyContract {
  private static TokenKeys token;
  private static Pkcs11KeyCustody custody;

  @BeforeAll
  static void openToken() {
    OpenedToken opened = OpenedToken.open();
    token = opened.keys();
    custody = opened.custody();
  }

  @Override
  protected KeyCustody custody() {
    return custody;
  }

  @Test
  void theKeyEncryptionKeyIsANonExtractableTokenKey() {
    Map<String, Boolean> kek = token.keyAttributes(KeySealer.KEK_LABEL);
    assertThat(kek)
        .containsEntry("CKA_TOKEN", true)
        .containsEntry("CKA_SENSITIVE", true)
        .containsEntry("CKA_ALWAYS_SENSITIVE", true)
        .containsEntry("CKA_EXTRACTABLE", false)
        .containsEntry("CKA_NEVER_EXTRACTABLE", true)
        .containsEntry("CKA_LOCAL", true)
        .containsEntry("CKA_ENCRYPT", true)
        .containsEntry("CKA_DECRYPT", true);
  }

  @Test
  void theCompositeEcHalfLivesOnTheTokenNeverExtractable() {
    KeyName name = new KeyName(TenantId.random(), Algorithm.COMPOSITE_ML_DSA, 1);
    custody.generate(name);
    try {
      assertThat(token.keyAttributes(HsmLabels.key(name)))
          .containsEntry("CKA_SENSITIVE", true)
          .containsEntry("CKA_ALWAYS_SENSITIVE", true)
          .containsEntry("CKA_NEVER_EXTRACTABLE", true)
          .containsEntry("CKA_LOCAL", true)
          .containsEntry("CKA_EXTRACTABLE", false)
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
    byte[] plain = custody.unseal(name, sealed);
    assertThat(plain.length).isGreaterThan(32);
    KeyName other = new KeyName(name.tenant(), name.algorithm(), 5);
    assertThatThrownBy(() -> custody.unseal(other, sealed)).hasMessageContaining("does not open");
    byte[] tampered = sealed.toArray();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> custody.unseal(name, Bytes.of(tampered)))
        .hasMessageContaining("does not open");
  }
}
