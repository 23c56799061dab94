package io.signet.application.contract;

import static io.signet.application.contract.KeyObjectAssertions.assertKeptInTheToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.ServiceKeyCustody;
import io.signet.domain.Bytes;
import io.signet.domain.key.Protection;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.service.ServiceKeyPurpose;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ServiceKeyCustody} must do, checked with the JDK's own verifiers (P-256,
 * RSASSA-PSS, ML-DSA); the secp256k1 shape (r‖s‖v, low-S, v ∈ {27, 28}) here, its recovery in the
 * adapter's tests.
 */
public abstract class ServiceKeyCustodyContract {
  private static final BigInteger SECP256K1_N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
  private static final BigInteger P256_N =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
  private static final Bytes TEXT = Bytes.of("a:b".getBytes(StandardCharsets.UTF_8));

  protected abstract ServiceKeyCustody custody();

  /** A version number no earlier test used on this custody. */
  protected abstract int freshVersion();

  /** Generates a fresh version of {@code purpose}'s {@code algorithm} key, as a stored key. */
  protected final ServiceKey generate(ServiceKeyPurpose purpose, ServiceAlgorithm algorithm) {
    ServiceKeyName name = new ServiceKeyName(purpose, algorithm, freshVersion());
    ServiceKeyCustody.Generated g = custody().generate(name);
    return new ServiceKey(
        name,
        ServiceKey.Status.CURRENT,
        g.publicKey(),
        g.address(),
        g.protection(),
        g.sealedPrivateKey(),
        Instant.parse("2026-03-01T00:00:00Z"));
  }

  @Test
  void signsEs256AsRawLowSThatTheJdkVerifies() throws Exception {
    ServiceKey key = generate(ServiceKeyPurpose.JWT, ServiceAlgorithm.ES256);
    assertThat(key.protection()).isEqualTo(Protection.HSM);
    assertThat(key.sealedPrivateKey()).isNull();
    for (int i = 0; i < 8; i++) {
      byte[] rs = custody().sign(key, TEXT).toArray();
      assertThat(rs).hasSize(64);
      assertThat(lowS(rs, P256_N)).isTrue();
      Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
      v.initVerify(publicKey("EC", key));
      v.update(TEXT.toArray());
      assertThat(v.verify(rs)).isTrue();
    }
  }

  @Test
  void givesP256ReceiptKeysTheirCompressedPointAsAddress() throws Exception {
    ServiceKey key = generate(ServiceKeyPurpose.RECEIPTS, ServiceAlgorithm.ECDSA_P256);
    assertThat(key.address()).matches("0x0[23][0-9a-f]{64}");
    byte[] rs = custody().sign(key, TEXT).toArray();
    Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
    v.initVerify(publicKey("EC", key));
    v.update(TEXT.toArray());
    assertThat(v.verify(rs)).isTrue();
  }

  @Test
  void signsRsaPssThatTheJdkVerifies() throws Exception {
    ServiceKey key = generate(ServiceKeyPurpose.RECEIPTS, ServiceAlgorithm.RSA);
    assertThat(key.address()).isEqualTo(spkiAddress(key));
    PublicKey rsa = publicKey("RSA", key);
    assertThat(((java.security.interfaces.RSAPublicKey) rsa).getModulus().bitLength())
        .isEqualTo(3072);
    Signature v = Signature.getInstance("RSASSA-PSS");
    v.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    v.initVerify(rsa);
    v.update(TEXT.toArray());
    assertThat(v.verify(custody().sign(key, TEXT).toArray())).isTrue();
  }

  @Test
  void signsMlDsaWithAWrappedKeyThatTheJdkVerifies() throws Exception {
    ServiceKey key = generate(ServiceKeyPurpose.RECEIPTS, ServiceAlgorithm.ML_DSA);
    assertThat(key.protection()).isEqualTo(Protection.HSM_WRAPPED);
    assertThat(key.sealedPrivateKey()).isNotNull();
    assertThat(key.address()).isEqualTo(spkiAddress(key));
    Signature v = Signature.getInstance("ML-DSA");
    v.initVerify(publicKey("ML-DSA", key));
    v.update(TEXT.toArray());
    assertThat(v.verify(custody().sign(key, TEXT).toArray())).isTrue();
  }

  @Test
  void signsEthereumStyleWithRecoveryByte() {
    ServiceKey key = generate(ServiceKeyPurpose.RECEIPTS, ServiceAlgorithm.ECDSA);
    assertThat(key.address()).matches("0x[0-9a-fA-F]{40}");
    for (int i = 0; i < 8; i++) {
      byte[] rsv = custody().sign(key, TEXT).toArray();
      assertThat(rsv).hasSize(65);
      assertThat((int) rsv[64]).isIn(27, 28);
      assertThat(lowS(rsv, SECP256K1_N)).isTrue();
    }
  }

  @Test
  void reportsNativeKeysSensitiveAndNeverExtractable() {
    ServiceKey key = generate(ServiceKeyPurpose.ATTESTATION, ServiceAlgorithm.ES256);
    var objects = custody().objects(key);
    assertThat(objects).hasSize(1);
    assertKeptInTheToken(key.name().label(), objects.getFirst().attributes());
    assertThat(custody().tokenIdentity()).containsKey("label");
  }

  private static boolean lowS(byte[] signature, BigInteger n) {
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    return s.signum() > 0 && s.compareTo(n.shiftRight(1)) <= 0;
  }

  private static PublicKey publicKey(String algorithm, ServiceKey key) throws Exception {
    return KeyFactory.getInstance(algorithm)
        .generatePublic(new X509EncodedKeySpec(key.publicKey().toArray()));
  }

  private static String spkiAddress(ServiceKey key) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.publicKey().toArray());
    return "0x" + HexFormat.of().formatHex(hash, 0, 20);
  }
}
