package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sun.security.pkcs11.wrapper.PKCS11Constants.*;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SignatureFormat;
import io.signet.domain.signing.SigningInput;
import io.signet.domain.tenant.TenantId;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.PKCS11;

/**
 * The classical token key types (ECDSA P-256, ECDSA secp256k1, RSA-PSS-3072, Ed25519) on a real
 * SoftHSM2 token: what the token holds, and every signature format verified by an independent
 * implementation (the JDK, BouncyCastle's JCA provider, web3j, Nimbus JOSE).
 */
class ClassicalKeysIT {
  private static final byte[] MESSAGE = "transfer 1 ETH to 0xabc".getBytes(StandardCharsets.UTF_8);
  private static final Bytes NONE = Bytes.of(new byte[0]);
  private static final List<Algorithm> CLASSICAL =
      List.of(
          Algorithm.ECDSA_P256,
          Algorithm.ECDSA_SECP256K1,
          Algorithm.RSA_PSS_3072,
          Algorithm.ED25519);
  private static Pkcs11KeyCustody custody;
  private static final Map<Algorithm, KeyVersion> KEYS = new EnumMap<>(Algorithm.class);
  private static final BouncyCastleVerifier SIGNET = new BouncyCastleVerifier();

  @BeforeAll
  static void generateOneKeyOfEachType() {
    custody = OpenedToken.open().custody();
    TenantId tenant = TenantId.random();
    for (Algorithm algorithm : CLASSICAL) {
      KeyName name = new KeyName(tenant, algorithm, 1);
      var generated = custody.generate(name);
      assertThat(generated.protection()).isEqualTo(Protection.HSM);
      assertThat(generated.sealedPrivateKey()).isNull();
      KEYS.put(
          algorithm,
          KeyVersion.activated(name, generated.publicKey(), Protection.HSM, null, Instant.now()));
    }
  }

  @AfterAll
  static void destroyKeys() {
    KEYS.values().forEach(k -> custody.destroy(k.name()));
  }

  private static Bytes sign(Algorithm algorithm, SigningInput input) {
    return custody.sign(KEYS.get(algorithm), input);
  }

  private static SigningInput message(SignatureFormat format) {
    return new SigningInput.Message(Bytes.of(MESSAGE), NONE, format);
  }

  private static PublicKey jdkKey(Algorithm algorithm, String keyAlgorithm) throws Exception {
    return KeyFactory.getInstance(keyAlgorithm)
        .generatePublic(new X509EncodedKeySpec(KEYS.get(algorithm).publicKey().toArray()));
  }

  private static boolean verify(String jca, Object provider, PublicKey key, byte[] data, Bytes sig)
      throws Exception {
    Signature verifier =
        provider == null
            ? Signature.getInstance(jca)
            : Signature.getInstance(jca, (java.security.Provider) provider);
    verifier.initVerify(key);
    verifier.update(data);
    return verifier.verify(sig.toArray());
  }

  @Test
  void everyPrivateKeyIsASensitiveNeverExtractableLocalSignOnlyTokenObject() throws Exception {
    PKCS11 p11 = PKCS11.getInstance(SoftHsmTestToken.LIBRARY, "C_GetFunctionList", null, false);
    long slot = -1;
    for (long s : p11.C_GetSlotList(true)) {
      if (new String(p11.C_GetTokenInfo(s).label).strip().equals(SoftHsmTestToken.get().label())) {
        slot = s;
      }
    }
    long session = p11.C_OpenSession(slot, CKF_SERIAL_SESSION, null, null);
    try {
      for (KeyVersion key : KEYS.values()) {
        p11.C_FindObjectsInit(
            session,
            new CK_ATTRIBUTE[] {
              new CK_ATTRIBUTE(CKA_CLASS, CKO_PRIVATE_KEY),
              new CK_ATTRIBUTE(CKA_LABEL, HsmLabels.key(key.name()).toCharArray())
            });
        long[] found = p11.C_FindObjects(session, 4);
        p11.C_FindObjectsFinal(session);
        assertThat(found).as(HsmLabels.key(key.name())).hasSize(1);
        long[] types = {
          CKA_TOKEN,
          CKA_PRIVATE,
          CKA_SENSITIVE,
          CKA_ALWAYS_SENSITIVE,
          CKA_NEVER_EXTRACTABLE,
          CKA_LOCAL,
          CKA_EXTRACTABLE,
          CKA_SIGN,
          CKA_DECRYPT,
          CKA_UNWRAP,
          CKA_DERIVE
        };
        boolean[] expected = {true, true, true, true, true, true, false, true, false, false, false};
        for (int i = 0; i < types.length; i++) {
          CK_ATTRIBUTE[] read = {new CK_ATTRIBUTE(types[i])};
          p11.C_GetAttributeValue(session, found[0], read);
          assertThat(read[0].getBoolean())
              .as(key.name().algorithm() + " attribute 0x" + Long.toHexString(types[i]))
              .isEqualTo(expected[i]);
        }
      }
    } finally {
      p11.C_CloseSession(session);
    }
  }

  @Test
  void p256DerAndRawSignaturesVerifyInTheJdkAndAreLowS() throws Exception {
    PublicKey key = jdkKey(Algorithm.ECDSA_P256, "EC");
    BigInteger n = ((ECPublicKey) key).getParams().getOrder();
    for (int i = 0; i < 20; i++) {
      Bytes der = sign(Algorithm.ECDSA_P256, message(null));
      assertThat(verify("SHA256withECDSA", null, key, MESSAGE, der)).isTrue();
      Bytes raw = sign(Algorithm.ECDSA_P256, message(SignatureFormat.RAW));
      assertThat(raw.length()).isEqualTo(64);
      assertThat(verify("SHA256withECDSAinP1363Format", null, key, MESSAGE, raw)).isTrue();
      BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw.toArray(), 32, 64));
      assertThat(s).isLessThanOrEqualTo(n.shiftRight(1));
      assertThat(SIGNET.verify(KEYS.get(Algorithm.ECDSA_P256), message(SignatureFormat.RAW), raw))
          .isTrue();
      assertThat(SIGNET.verify(KEYS.get(Algorithm.ECDSA_P256), message(null), raw))
          .as("a raw signature is not a DER one")
          .isFalse();
    }
  }

  @Test
  void p256SignHashOfEveryShaVerifiesInTheJdkOverTheDigest() throws Exception {
    PublicKey key = jdkKey(Algorithm.ECDSA_P256, "EC");
    for (HashAlgorithm hash :
        List.of(HashAlgorithm.SHA_256, HashAlgorithm.SHA_384, HashAlgorithm.SHA_512)) {
      byte[] digest = MessageDigest.getInstance(hash.wireName()).digest(MESSAGE);
      Bytes der = sign(Algorithm.ECDSA_P256, new SigningInput.Digest(hash, Bytes.of(digest), NONE));
      String jca = hash.wireName().replace("-", "") + "withECDSA";
      assertThat(verify(jca, null, key, MESSAGE, der)).as(hash.wireName()).isTrue();
      assertThat(
              SIGNET.verify(
                  KEYS.get(Algorithm.ECDSA_P256),
                  new SigningInput.Digest(hash, Bytes.of(digest), NONE),
                  der))
          .isTrue();
    }
  }

  @Test
  void aJwsMadeFromARawP256SignatureVerifiesWithNimbus() throws Exception {
    JWSHeader header = new JWSHeader(JWSAlgorithm.ES256);
    Payload payload = new Payload("{\"sub\":\"signet\"}");
    String signingInput = header.toBase64URL() + "." + payload.toBase64URL();
    Bytes raw =
        sign(
            Algorithm.ECDSA_P256,
            new SigningInput.Message(
                Bytes.of(signingInput.getBytes(StandardCharsets.US_ASCII)),
                NONE,
                SignatureFormat.RAW));
    JWSObject jws =
        JWSObject.parse(signingInput + "." + Base64URL.encode(raw.toArray()).toString());
    assertThat(jws.verify(new ECDSAVerifier((ECPublicKey) jdkKey(Algorithm.ECDSA_P256, "EC"))))
        .isTrue();
  }

  @Test
  void secp256k1DerAndRawSignaturesVerifyWithBouncyCastle() throws Exception {
    PublicKey key =
        KeyFactory.getInstance("EC", BouncyCastle.provider())
            .generatePublic(
                new X509EncodedKeySpec(KEYS.get(Algorithm.ECDSA_SECP256K1).publicKey().toArray()));
    Bytes der = sign(Algorithm.ECDSA_SECP256K1, message(SignatureFormat.DER));
    assertThat(verify("SHA256withECDSA", BouncyCastle.provider(), key, MESSAGE, der)).isTrue();
    Bytes raw = sign(Algorithm.ECDSA_SECP256K1, message(SignatureFormat.RAW));
    assertThat(verify("SHA256withPLAIN-ECDSA", BouncyCastle.provider(), key, MESSAGE, raw))
        .isTrue();
  }

  @Test
  void ethereumSignaturesRecoverToTheKeysAddressWithWeb3j() throws Exception {
    KeyVersion key = KEYS.get(Algorithm.ECDSA_SECP256K1);
    String address = EcdsaScheme.address(key.publicKey());
    ECPublicKeyParameters point = EcdsaScheme.parameters(key.publicKey());
    byte[] uncompressed = point.getQ().getEncoded(false);
    assertThat(address)
        .isEqualTo(
            Keys.toChecksumAddress(
                Keys.getAddress(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 65)))));
    for (int i = 0; i < 10; i++) {
      Bytes signature = sign(Algorithm.ECDSA_SECP256K1, message(SignatureFormat.ETHEREUM));
      byte[] sig = signature.toArray();
      assertThat(sig).hasSize(65);
      assertThat(sig[64]).isIn((byte) 27, (byte) 28);
      BigInteger recovered =
          Sign.signedPrefixedMessageToKey(
              MESSAGE,
              new Sign.SignatureData(
                  sig[64], Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
      assertThat(Keys.toChecksumAddress(Keys.getAddress(recovered))).isEqualTo(address);
      assertThat(SIGNET.verify(key, message(SignatureFormat.ETHEREUM), signature)).isTrue();
      sig[64] ^= 1;
      assertThat(SIGNET.verify(key, message(SignatureFormat.ETHEREUM), Bytes.of(sig)))
          .as("the wrong v recovers another key")
          .isFalse();
    }
    byte[] keccak = Ethereum.keccak256(MESSAGE);
    byte[] overHash =
        sign(
                Algorithm.ECDSA_SECP256K1,
                new SigningInput.Digest(
                    HashAlgorithm.KECCAK_256, Bytes.of(keccak), NONE, SignatureFormat.ETHEREUM))
            .toArray();
    BigInteger recovered =
        Sign.signedMessageHashToKey(
            keccak,
            new Sign.SignatureData(
                overHash[64],
                Arrays.copyOfRange(overHash, 0, 32),
                Arrays.copyOfRange(overHash, 32, 64)));
    assertThat(Keys.toChecksumAddress(Keys.getAddress(recovered))).isEqualTo(address);
  }

  @Test
  void rsaPssSignaturesOfMessagesAndHashesVerifyInTheJdk() throws Exception {
    PublicKey key = jdkKey(Algorithm.RSA_PSS_3072, "RSA");
    Signature jdk = Signature.getInstance("RSASSA-PSS");
    jdk.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    jdk.initVerify(key);
    jdk.update(MESSAGE);
    assertThat(jdk.verify(sign(Algorithm.RSA_PSS_3072, message(null)).toArray())).isTrue();
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(MESSAGE);
    Bytes overHash =
        sign(
            Algorithm.RSA_PSS_3072,
            new SigningInput.Digest(HashAlgorithm.SHA_256, Bytes.of(digest), NONE));
    jdk.initVerify(key);
    jdk.update(MESSAGE);
    assertThat(jdk.verify(overHash.toArray())).isTrue();
    assertThat(SIGNET.verify(KEYS.get(Algorithm.RSA_PSS_3072), message(null), overHash)).isTrue();
  }

  @Test
  void ed25519SignaturesVerifyInTheJdk() throws Exception {
    Bytes signature = sign(Algorithm.ED25519, message(null));
    PublicKey key = jdkKey(Algorithm.ED25519, "Ed25519");
    assertThat(verify("Ed25519", null, key, MESSAGE, signature)).isTrue();
    assertThat(SIGNET.verify(KEYS.get(Algorithm.ED25519), message(null), signature)).isTrue();
    byte[] tampered = signature.toArray();
    tampered[3] ^= 1;
    assertThat(SIGNET.verify(KEYS.get(Algorithm.ED25519), message(null), Bytes.of(tampered)))
        .isFalse();
  }

  @Test
  void archivingDestroysTheTokenObjectsOfEveryType() {
    TenantId tenant = TenantId.random();
    for (Algorithm algorithm : CLASSICAL) {
      KeyName name = new KeyName(tenant, algorithm, 1);
      custody.generate(name);
      assertThat(custody.heldKeys()).contains(name);
      custody.destroy(name);
      assertThat(custody.heldKeys()).doesNotContain(name);
      KeyVersion gone =
          KeyVersion.activated(
              name, KEYS.get(algorithm).publicKey(), Protection.HSM, null, Instant.now());
      assertThatThrownBy(() -> custody.sign(gone, message(null)))
          .isInstanceOf(SignetException.class);
    }
  }

  @Test
  void aTokenWithoutEdDsaIsAClearRefusal() {
    assertThatThrownBy(() -> TokenMechanisms.requireSupported(false))
        .isInstanceOf(SignetException.InvalidRequest.class)
        .hasMessageContaining("CKM_EDDSA");
  }
}
