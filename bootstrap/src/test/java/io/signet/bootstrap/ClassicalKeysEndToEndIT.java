package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The classical key types through the running service (PostgreSQL with every migration, SoftHSM2):
 * generation, the key listing's JWK and address, formats, sign-hash, batches, and the lifecycle
 * down to archive.
 */
class ClassicalKeysEndToEndIT {
  private static final byte[] MESSAGE = "ship it".getBytes(StandardCharsets.UTF_8);
  private static final String MESSAGE_B64 = Base64.getEncoder().encodeToString(MESSAGE);
  @RegisterExtension static final SignetApp app = SignetApp.start();
  private static Map<String, String> caller;

  @BeforeAll
  static void start() {
    String[] tenantAndKey =
        app.tenantWithKey("classical", "sign", "verify", "keys:manage", "keys:read");
    caller = Map.of("X-API-Key", tenantAndKey[1], "Content-Type", "application/json");
    for (String algorithm : List.of("ECDSA-P256", "ECDSA-secp256k1", "RSA-PSS-3072", "Ed25519")) {
      var generated =
          app.http.send(
              "POST", "/api/v1/kms/keys/generate", caller, "{\"algorithm\":\"" + algorithm + "\"}");
      assertThat(generated.status()).as(generated.body()).isEqualTo(201);
      assertThat(generated.data()).containsEntry("protection", "hsm");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> listed(String algorithm) {
    var list =
        app.http.send("GET", "/api/v1/kms/keys?algorithm=" + algorithm, caller, (String) null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    return ((List<Map<String, Object>>) list.data().get("keys")).getFirst();
  }

  private static String sign(String route, String body) {
    var reply = app.http.send("POST", "/api/v1/signature/" + route, caller, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return (String) reply.data().get("signature");
  }

  /** {@code {"message": MESSAGE, "key_version": 1, …}} with {@code fields} (JSON members). */
  private static String messageBody(String fields) {
    return "{\"message\":\"" + MESSAGE_B64 + "\",\"key_version\":1," + fields + "}";
  }

  private static boolean verify(String route, String body) {
    var reply = app.http.send("POST", "/api/v1/signature/" + route, caller, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return (Boolean) reply.data().get("valid");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theP256JwkIsThePublishedKeyAndRawSignaturesVerifyInTheJdk() throws Exception {
    Map<String, Object> key = listed("ECDSA-P256");
    Map<String, String> jwk = (Map<String, String>) key.get("jwk");
    assertThat(jwk).containsEntry("kty", "EC").containsEntry("crv", "P-256");
    assertThat(key).doesNotContainKey("address");
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    PublicKey fromJwk =
        KeyFactory.getInstance("EC")
            .generatePublic(
                new ECPublicKeySpec(
                    new ECPoint(
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("x"))),
                        new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get("y")))),
                    parameters.getParameterSpec(ECParameterSpec.class)));
    assertThat(Base64.getEncoder().encodeToString(fromJwk.getEncoded()))
        .isEqualTo(key.get("public_key"));
    String raw =
        sign(
            "sign",
            "{\"message\":\""
                + MESSAGE_B64
                + "\",\"key_version\":1,\"algorithm\":\"ECDSA-P256\","
                + "\"format\":\"raw\"}");
    Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
    jdk.initVerify(fromJwk);
    jdk.update(MESSAGE);
    assertThat(jdk.verify(Base64.getDecoder().decode(raw))).isTrue();
  }

  @Test
  void secp256k1IsListedWithAnAddressAndEthereumSignaturesVerify() {
    Map<String, Object> key = listed("ECDSA-secp256k1");
    assertThat((String) key.get("address")).matches("0x[0-9a-fA-F]{40}");
    String signature =
        sign("sign", messageBody("\"algorithm\":\"ECDSA-secp256k1\",\"format\":\"ethereum\""));
    assertThat(Base64.getDecoder().decode(signature)).hasSize(65);
    assertThat(
            verify(
                "verify",
                messageBody(
                    "\"algorithm\":\"ECDSA-secp256k1\",\"format\":\"ethereum\",\"signature\":\""
                        + signature
                        + "\"")))
        .isTrue();
    assertThat(
            verify(
                "verify",
                messageBody(
                    "\"algorithm\":\"ECDSA-secp256k1\",\"signature\":\"" + signature + "\"")))
        .as("an ethereum signature is not a der one")
        .isFalse();
  }

  @Test
  void wrongFormatsAndHashesAreClearErrors() {
    var ethereumOnP256 =
        app.http.send(
            "POST",
            "/api/v1/signature/sign",
            caller,
            messageBody("\"algorithm\":\"ECDSA-P256\",\"format\":\"ethereum\""));
    assertThat(ethereumOnP256.status()).isEqualTo(400);
    assertThat(ethereumOnP256.body()).contains("ERR_SIG_001").contains("not valid for ECDSA-P256");
    var hashOnEd25519 =
        app.http.send(
            "POST",
            "/api/v1/signature/sign-hash",
            caller,
            "{\"hash\":\""
                + Base64.getEncoder().encodeToString(new byte[32])
                + "\","
                + "\"hash_algorithm\":\"SHA-256\",\"key_version\":1,\"algorithm\":\"Ed25519\"}");
    assertThat(hashOnEd25519.status()).isEqualTo(400);
    assertThat(hashOnEd25519.body()).contains("ERR_SIG_010");
    var shortKeccak =
        app.http.send(
            "POST",
            "/api/v1/signature/sign-hash",
            caller,
            "{\"hash\":\""
                + Base64.getEncoder().encodeToString(new byte[31])
                + "\","
                + "\"hash_algorithm\":\"KECCAK-256\",\"key_version\":1,"
                + "\"algorithm\":\"ECDSA-secp256k1\",\"format\":\"ethereum\"}");
    assertThat(shortKeccak.status()).isEqualTo(400);
    assertThat(shortKeccak.body()).contains("ERR_SIG_011");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMixedBatchSignsOverEveryTypeAndItsSignaturesVerifyInABatch() {
    List<String> items = new ArrayList<>();
    for (String algorithm : List.of("ECDSA-P256", "ECDSA-secp256k1", "RSA-PSS-3072", "Ed25519")) {
      items.add(
          "{\"message\":\""
              + MESSAGE_B64
              + "\",\"key_version\":1,\"algorithm\":\""
              + algorithm
              + "\"}");
    }
    items.add("{\"message\":\"" + MESSAGE_B64 + "\",\"key_version\":7,\"algorithm\":\"Ed25519\"}");
    var reply =
        app.http.send(
            "POST",
            "/api/v1/signature/sign-batch",
            caller,
            "{\"items\":[" + String.join(",", items) + "]}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<Map<String, Object>> results = (List<Map<String, Object>>) reply.data().get("results");
    assertThat(results).hasSize(5);
    List<String> verifyItems = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Map<String, Object> data = (Map<String, Object>) results.get(i).get("data");
      verifyItems.add(
          items.get(i).replace("}", ",\"signature\":\"" + data.get("signature") + "\"}"));
    }
    assertThat(((Map<String, Object>) results.get(4).get("error")).get("error_code"))
        .isEqualTo("ERR_NOT_FOUND_001");
    var verified =
        app.http.send(
            "POST",
            "/api/v1/signature/verify-batch",
            caller,
            "{\"items\":[" + String.join(",", verifyItems) + "]}");
    for (Map<String, Object> result : (List<Map<String, Object>>) verified.data().get("results")) {
      assertThat(((Map<String, Object>) result.get("data")).get("valid")).isEqualTo(true);
    }
  }

  @Test
  void rotatingAndArchivingAnEd25519KeyWorksAndTheArchivedKeyNoLongerSigns() {
    // A tenant of its own: the other tests sign with this tenant's version 1.
    String[] tenantAndKey = app.tenantWithKey("lifecycle", "sign", "keys:manage");
    Map<String, String> own =
        Map.of("X-API-Key", tenantAndKey[1], "Content-Type", "application/json");
    String ed25519 = "{\"algorithm\":\"Ed25519\"}";
    assertThat(app.http.send("POST", "/api/v1/kms/keys/generate", own, ed25519).status())
        .isEqualTo(201);
    var rotated = app.http.send("POST", "/api/v1/kms/keys/rotate", own, ed25519);
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    var archived =
        app.http.send(
            "POST",
            "/api/v1/kms/keys/archive",
            own,
            "{\"algorithm\":\"Ed25519\",\"key_version\":1}");
    assertThat(archived.status()).as(archived.body()).isEqualTo(200);
    assertThat(archived.data()).containsEntry("private_key_destroyed", true);
    String body = "{\"message\":\"" + MESSAGE_B64 + "\",\"algorithm\":\"Ed25519\",\"key_version\":";
    assertThat(app.http.send("POST", "/api/v1/signature/sign", own, body + "1}").status())
        .isEqualTo(404);
    assertThat(app.http.send("POST", "/api/v1/signature/sign", own, body + "2}").status())
        .isEqualTo(200);
  }
}
