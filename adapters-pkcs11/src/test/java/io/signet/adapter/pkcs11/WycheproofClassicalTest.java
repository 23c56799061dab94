package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.signing.SignatureFormat;
import io.signet.domain.signing.SigningInput;
import io.signet.domain.tenant.TenantId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Wycheproof's ECDSA (P-256, secp256k1; DER and P1363) and RSA-PSS-3072 verification vectors
 * through Signet's verify path ({@link BouncyCastleVerifier} with the key version's SPKI), with
 * 100% agreement. These files have no {@code acceptable} cases (the test counts them, and would
 * accept either answer for one, as Wycheproof defines); the Bitcoin file's only departure is its
 * malleability rule (high S is invalid there), handled in {@link
 * #bitcoinVectorsAgreeExceptThatHighSIsValid}.
 */
class WycheproofClassicalTest {
  private static final HexFormat HEX = HexFormat.of();
  private final BouncyCastleVerifier verifier = new BouncyCastleVerifier();

  @ParameterizedTest
  @CsvSource({
    "ecdsa_secp256r1_sha256_test.json, ECDSA_P256, DER",
    "ecdsa_secp256r1_sha256_p1363_test.json, ECDSA_P256, RAW",
    "ecdsa_secp256k1_sha256_test.json, ECDSA_SECP256K1, DER",
    "ecdsa_secp256k1_sha256_p1363_test.json, ECDSA_SECP256K1, RAW",
    "rsa_pss_3072_sha256_mgf1_32_test.json, RSA_PSS_3072, RAW"
  })
  void verifyAgreesWithEveryVector(String file, Algorithm algorithm, SignatureFormat format)
      throws Exception {
    Result result = run(file, algorithm, format);
    assertThat(result.cases).isEqualTo(Vectors.wycheproof(file).get("numberOfTests").asInt());
    assertThat(result.acceptable).isZero();
    assertThat(result.disagreements).isEmpty();
  }

  @Test
  void bitcoinVectorsAgreeExceptThatHighSIsValid() throws Exception {
    // Signet's der verification follows FIPS 186-5, where (r, s) and (r, n - s) are both valid;
    // the Bitcoin file refuses high S. Every disagreement must be exactly that: a signature the
    // file calls invalid only because its s is above n/2. Signet's own signatures are always
    // low-S, and format ethereum requires low-S on verify.
    Result result =
        run(
            "ecdsa_secp256k1_sha256_bitcoin_test.json",
            Algorithm.ECDSA_SECP256K1,
            SignatureFormat.DER);
    assertThat(result.cases).isEqualTo(463);
    BigInteger n = org.bouncycastle.asn1.sec.SECNamedCurves.getByName("secp256k1").getN();
    assertThat(result.disagreeing).hasSize(2);
    for (JsonNode test : result.disagreeing) {
      assertThat(test.get("result").asText()).isEqualTo("invalid");
      BigInteger[] rs =
          StandardDSAEncoding.INSTANCE.decode(n, HEX.parseHex(test.get("sig").asText()));
      assertThat(rs[1]).as(test.get("comment").asText()).isGreaterThan(n.shiftRight(1));
    }
  }

  private Result run(String file, Algorithm algorithm, SignatureFormat format) throws Exception {
    JsonNode vectors = Vectors.wycheproof(file);
    Result result = new Result();
    for (JsonNode group : vectors.get("testGroups")) {
      KeyVersion key =
          KeyVersion.activated(
              new KeyName(TenantId.random(), algorithm, 1),
              Bytes.of(HEX.parseHex(group.get("publicKeyDer").asText())),
              Protection.HSM,
              null,
              Instant.now());
      for (JsonNode test : group.get("tests")) {
        result.cases++;
        String expected = test.get("result").asText();
        SigningInput input =
            new SigningInput.Message(
                Bytes.of(HEX.parseHex(test.get("msg").asText())), Bytes.of(new byte[0]), format);
        boolean valid =
            verifier.verify(key, input, Bytes.of(HEX.parseHex(test.get("sig").asText())));
        if (expected.equals("acceptable")) {
          result.acceptable++;
        } else if (valid != expected.equals("valid")) {
          result.disagreeing.add(test);
          result.disagreements.add(
              test.get("tcId").asText()
                  + " "
                  + test.get("comment").asText()
                  + " "
                  + test.get("flags"));
        }
      }
    }
    return result;
  }

  private static final class Result {
    int cases;
    int acceptable;
    final List<String> disagreements = new ArrayList<>();
    final List<JsonNode> disagreeing = new ArrayList<>();
  }
}
