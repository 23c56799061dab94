package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.signet.domain.Bytes;
import io.signet.domain.signing.SigningInput;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wycheproof ML-DSA-65 through Signet's own verify path and signing core.
 *
 * <p>{@code acceptable}: neither file has such a case at this commit; were one to appear, it would
 * be counted as "reject" (a signature service accepts only what the standard requires it to).
 */
class WycheproofMlDsaTest {
  private static final HexFormat HEX = HexFormat.of();

  private static Bytes hex(JsonNode node, String field) {
    return Bytes.of(node.has(field) ? HEX.parseHex(node.get(field).asText()) : new byte[0]);
  }

  @Test
  void verifyPathAgreesWithEveryVerifyVector() throws Exception {
    JsonNode file = Vectors.wycheproof("mldsa_65_verify_test.json");
    int cases = 0;
    List<String> disagreements = new ArrayList<>();
    for (JsonNode group : file.get("testGroups")) {
      Bytes spki = hex(group, "publicKeyDer");
      PublicKey publicKey;
      try {
        publicKey =
            KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
                .generatePublic(new X509EncodedKeySpec(spki.toArray()));
      } catch (Exception malformedKey) {
        publicKey = null;
      }
      for (JsonNode test : group.get("tests")) {
        cases++;
        boolean expected = test.get("result").asText().equals("valid");
        boolean actual;
        try {
          SigningInput input = new SigningInput.Message(hex(test, "msg"), hex(test, "ctx"));
          actual =
              publicKey != null && MlDsa65Scheme.verify(publicKey, spki, input, hex(test, "sig"));
        } catch (RuntimeException refused) {
          actual = false;
        }
        if (actual != expected)
          disagreements.add(test.get("tcId").asText() + " " + test.get("comment").asText());
      }
    }
    assertThat(cases).isEqualTo(file.get("numberOfTests").asInt());
    assertThat(disagreements).isEmpty();
  }

  @Test
  void signingCoreReproducesEverySeedVectorByteForByte() throws Exception {
    JsonNode file = Vectors.wycheproof("mldsa_65_sign_seed_test.json");
    int cases = 0;
    int reproduced = 0;
    List<String> disagreements = new ArrayList<>();
    for (JsonNode group : file.get("testGroups")) {
      PrivateKey privateKey;
      Bytes spki;
      try {
        privateKey =
            KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
                .generatePrivate(new PKCS8EncodedKeySpec(pkcs8(group)));
        spki =
            Bytes.of(
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                        new org.bouncycastle.asn1.x509.SubjectPublicKeyInfo(
                            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_ml_dsa_65),
                            hex(group, "publicKey").toArray()))
                    .getEncoded());
      } catch (Exception malformedKey) {
        privateKey = null;
        spki = null;
      }
      for (JsonNode test : group.get("tests")) {
        cases++;
        boolean valid = test.get("result").asText().equals("valid");
        byte[] produced;
        try {
          if (privateKey == null) throw new IllegalArgumentException("no usable private key");
          SecureRandom rnd =
              test.has("rnd") ? new FixedRandom(HEX.parseHex(test.get("rnd").asText())) : null;
          if (test.has("msg")) {
            SigningInput input = new SigningInput.Message(hex(test, "msg"), hex(test, "ctx"));
            produced = MlDsa65Scheme.sign(privateKey, spki, input, rnd).toArray();
          } else {
            produced = MlDsa65Scheme.signMu(privateKey, hex(test, "mu").toArray(), rnd);
          }
        } catch (Exception refused) {
          produced = null;
        }
        boolean ok =
            valid
                ? produced != null && HEX.formatHex(produced).equals(test.get("sig").asText())
                : produced == null;
        if (ok && valid) reproduced++;
        if (!ok) disagreements.add(test.get("tcId").asText() + " " + test.get("comment").asText());
      }
    }
    assertThat(cases).isEqualTo(file.get("numberOfTests").asInt());
    assertThat(disagreements).isEmpty();
    assertThat(reproduced).isEqualTo(101);
  }

  /** The group's PKCS#8 key, or one built from its 32-byte seed (the seed-only form). */
  private static byte[] pkcs8(JsonNode group) throws Exception {
    if (group.has("privateKeyPkcs8")) return hex(group, "privateKeyPkcs8").toArray();
    return new org.bouncycastle.asn1.pkcs.PrivateKeyInfo(
            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_ml_dsa_65),
            new org.bouncycastle.asn1.DERTaggedObject(
                false,
                0,
                new org.bouncycastle.asn1.DEROctetString(hex(group, "privateSeed").toArray())))
        .getEncoded();
  }

  /** Hands ML-DSA the vector's 32-byte rnd instead of fresh randomness. */
  private static final class FixedRandom extends SecureRandom {
    private final byte[] value;

    FixedRandom(byte[] value) {
      this.value = value;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(value, 0, bytes, 0, Math.min(value.length, bytes.length));
    }
  }
}
