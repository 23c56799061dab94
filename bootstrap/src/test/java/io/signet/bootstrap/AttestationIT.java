package io.signet.bootstrap;

import static io.signet.application.contract.KeyObjectAssertions.assertKeptInTheToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attestation reports on PostgreSQL and SoftHSM2 (DESIGN §5.3): the JWS verifies with Nimbus
 * against the key the JWKS publishes, {@code report_data} is address‖nonce, the token attributes of
 * every native key are those of a key that never left the HSM, and a tenant's ML-DSA key reports
 * the key-encryption key that protects it.
 */
class AttestationIT {
  private static final String NONCE =
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static final String OTHER_NONCE =
      "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
  @RegisterExtension static final SignetApp app = SignetApp.start();
  private static String apiKey;
  private static String verifyOnly;

  @BeforeAll
  static void start() {
    apiKey = app.tenantWithKey("attested", "keys:manage", "sign", "receipts:read")[1];
    verifyOnly = app.tenantWithKey("attested-reader", "verify")[1];
    app.generateKey(apiKey, "Dilithium3");
  }

  static RawReply get(String path) {
    var reply = app.http.send("GET", path, Map.of("X-API-Key", apiKey), (String) null);
    return new RawReply(reply.status(), reply.body(), reply);
  }

  record RawReply(int status, String body, io.signet.adapter.rest.RawHttp.Reply reply) {}

  /** Parses the report and checks its signature with the JWKS key named by its kid. */
  static JWSObject verified(String report) throws Exception {
    JWSObject jws = JWSObject.parse(report);
    assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    var jwks = app.http.send("GET", "/.well-known/jwks.json", Map.of(), (String) null);
    ECKey key = (ECKey) JWKSet.parse(jwks.body()).getKeyByKeyId(jws.getHeader().getKeyID());
    assertThat(key).as("kid " + jws.getHeader().getKeyID() + " in the JWKS").isNotNull();
    assertThat(jws.verify(new ECDSAVerifier(key))).isTrue();
    return jws;
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyReceiptKeyReportVerifiesAndShowsANeverExtractedKey() throws Exception {
    for (String algo : List.of("ecdsa", "ecdsa-p256", "rsa", "ml-dsa")) {
      var reply = get("/v1/attestation/report?nonce=" + NONCE + "&signing_algo=" + algo);
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      Map<String, Object> body = reply.reply().json();
      JWSObject jws = verified((String) body.get("report"));
      Map<String, Object> claims = jws.getPayload().toJSONObject();
      assertThat(sameJson(body.get("claims"))).as("claims = the signed payload").isEqualTo(claims);
      assertThat(claims.get("nonce")).isEqualTo(NONCE);
      assertThat(claims.get("signing_algo")).isEqualTo(algo);

      String address = (String) claims.get("signing_address");
      byte[] addressBytes = HexFormat.of().parseHex(address.substring(2));
      byte[] expected = new byte[Math.max(32, addressBytes.length) + 32];
      System.arraycopy(addressBytes, 0, expected, 0, addressBytes.length);
      System.arraycopy(HexFormat.of().parseHex(NONCE), 0, expected, expected.length - 32, 32);
      assertThat(claims.get("report_data")).isEqualTo(HexFormat.of().formatHex(expected));

      var signingKeys = app.http.send("GET", "/v1/signing-keys", Map.of(), (String) null);
      assertThat(signingKeys.body()).contains((String) claims.get("public_key"));

      List<Map<String, Object>> objects = (List<Map<String, Object>>) claims.get("objects");
      assertThat(objects).as(algo + " objects").isNotEmpty();
      for (Map<String, Object> object : objects) {
        Map<String, Object> attributes = (Map<String, Object>) object.get("attributes");
        assertKeptInTheToken(algo + " " + object.get("label"), attributes)
            .containsEntry("CKA_TOKEN", true);
      }
      if (algo.equals("ml-dsa")) {
        assertThat(claims.get("protection")).isEqualTo("hsm-wrapped");
        assertThat(((Map<String, Object>) objects.get(0).get("attributes")).get("CKA_CLASS"))
            .isEqualTo("CKO_SECRET_KEY");
      } else {
        assertThat(claims.get("protection")).isEqualTo("hsm");
        assertThat(((Map<String, Object>) objects.get(0).get("attributes")))
            .containsEntry("CKA_CLASS", "CKO_PRIVATE_KEY")
            .containsEntry("CKA_SIGN", true)
            .containsEntry("CKA_DECRYPT", false)
            .containsEntry("CKA_UNWRAP", false)
            .containsEntry("CKA_DERIVE", false);
      }
      Map<String, Object> token = (Map<String, Object>) claims.get("token");
      assertThat(token).containsKeys("manufacturer", "model", "serial", "label", "firmware");
      assertThat(token.get("library_manufacturer").toString()).containsIgnoringCase("softhsm");
      assertThat((Map<String, Object>) claims.get("service"))
          .containsKeys("version", "commit", "instance_id");
      assertThat(claims.get("iat")).isInstanceOf(Number.class);
    }
  }

  @Test
  void anApiKeyOfAnyScopeGetsAReport() throws Exception {
    var reply =
        app.http.send(
            "GET",
            "/v1/attestation/report?nonce=" + NONCE + "&signing_algo=ecdsa-p256",
            Map.of("X-API-Key", verifyOnly),
            (String) null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    verified((String) reply.json().get("report"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theOfflineVerifierChecksReceiptsAndReports(@TempDir Path dir) throws Exception {
    byte[] sent =
        "{\"message\":\"b2ZmbGluZQ==\",\"key_version\":1}".getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> signed =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(app.server.getURI().resolve("/api/v1/signature/sign"))
                    .header("X-API-Key", apiKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(sent))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(signed.statusCode()).isEqualTo(200);
    String requestId = signed.headers().firstValue("X-Request-Id").orElseThrow();
    Files.write(dir.resolve("req.bin"), sent);
    Files.write(dir.resolve("resp.bin"), signed.body());
    var signingKeys = app.http.send("GET", "/v1/signing-keys", Map.of(), (String) null);
    List<Map<String, Object>> keys = (List<Map<String, Object>>) signingKeys.json().get("keys");

    String ecdsaAddress = null;
    for (String algo : List.of("ecdsa", "ecdsa-p256", "rsa", "ml-dsa")) {
      var receipt = get("/v1/signature/" + requestId + "?signing_algo=" + algo);
      assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
      Path file = dir.resolve(algo + ".json");
      Files.writeString(file, receipt.body());
      String address = (String) receipt.reply().json().get("signing_address");
      if (algo.equals("ecdsa")) ecdsaAddress = address;
      String publicKey =
          (String)
              keys.stream()
                  .filter(k -> address.equals(k.get("signing_address")))
                  .findFirst()
                  .orElseThrow()
                  .get("public_key");
      List<String> args =
          List.of(
              "receipt",
              "--receipt",
              file.toString(),
              "--request",
              dir.resolve("req.bin").toString(),
              "--response",
              dir.resolve("resp.bin").toString(),
              "--address",
              address,
              "--public-key",
              publicKey);
      assertThat(verify(args)).as(algo + ": " + receipt.body()).isEqualTo("valid");

      // one flipped signature byte
      String body = receipt.body();
      int at = body.indexOf("\"signature\":\"0x") + 20;
      char flipped = body.charAt(at) == '0' ? '1' : '0';
      Files.writeString(file, body.substring(0, at) + flipped + body.substring(at + 1));
      assertThat(verify(args)).as(algo + " flipped").startsWith("invalid: ");
      Files.writeString(file, body);
    }
    List<String> ecdsaCheck =
        List.of(
            "receipt",
            "--receipt",
            dir.resolve("ecdsa.json").toString(),
            "--request",
            dir.resolve("req.bin").toString(),
            "--response",
            dir.resolve("resp.bin").toString());
    assertThat(verify(plus(ecdsaCheck, "--address", ecdsaAddress))).isEqualTo("valid");
    // a signer other than the pinned one
    assertThat(verify(plus(ecdsaCheck, "--address", "0x" + "ab".repeat(20))))
        .startsWith("invalid: signing_address");
    // no pinned signer: refused, since anyone's own key would make a consistent receipt
    assertThat(verify(ecdsaCheck)).startsWith("missing --address");
    // one flipped response byte
    byte[] changed = signed.body().clone();
    changed[changed.length / 2] ^= 1;
    Files.write(dir.resolve("resp.bin"), changed);
    assertThat(verify(plus(ecdsaCheck, "--address", ecdsaAddress)))
        .startsWith("invalid: text does not match");

    var report = get("/v1/attestation/report?nonce=" + NONCE);
    Files.writeString(dir.resolve("report.json"), report.body());
    String kid =
        JWSObject.parse((String) report.reply().json().get("report")).getHeader().getKeyID();
    var jwks = app.http.send("GET", "/.well-known/jwks.json", Map.of(), (String) null);
    Files.writeString(
        dir.resolve("jwk.json"), JWKSet.parse(jwks.body()).getKeyByKeyId(kid).toJSONString());
    List<String> reportArgs =
        List.of(
            "report",
            "--report",
            dir.resolve("report.json").toString(),
            "--nonce",
            NONCE,
            "--jwk",
            dir.resolve("jwk.json").toString());
    assertThat(verify(reportArgs)).isEqualTo("valid");
    assertThat(
            verify(
                List.of(
                    "report",
                    "--report",
                    dir.resolve("report.json").toString(),
                    "--nonce",
                    OTHER_NONCE,
                    "--jwk",
                    dir.resolve("jwk.json").toString())))
        .startsWith("invalid: the report's nonce");
    String jws = (String) report.reply().json().get("report");
    int middle = jws.indexOf('.') + 10;
    char other = jws.charAt(middle) == 'A' ? 'B' : 'A';
    Files.writeString(
        dir.resolve("report.json"), jws.substring(0, middle) + other + jws.substring(middle + 1));
    assertThat(verify(reportArgs)).startsWith("invalid: ");
  }

  /** The claims as Nimbus reads them (numbers as Long), to compare with the signed payload. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> sameJson(Object claims) throws Exception {
    return JSONObjectUtils.parse(JSONObjectUtils.toJSONString((Map<String, Object>) claims));
  }

  private static List<String> plus(List<String> args, String... more) {
    return java.util.stream.Stream.concat(args.stream(), java.util.Arrays.stream(more)).toList();
  }

  /** Runs the verifier's entry point in process and returns what it printed. */
  private static String verify(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        OfflineVerifier.run(
            args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8));
    String printed = out.toString(StandardCharsets.UTF_8).strip();
    // valid 0, invalid 1, a usage error (a missing option) 2
    assertThat(code)
        .as(printed)
        .isEqualTo(printed.equals("valid") ? 0 : printed.startsWith("missing --") ? 2 : 1);
    return printed;
  }

  @Test
  void twoNoncesGiveTwoReports() throws Exception {
    var first = get("/v1/attestation/report?nonce=" + NONCE);
    var second = get("/v1/attestation/report?nonce=" + OTHER_NONCE);
    assertThat(first.status()).isEqualTo(200);
    assertThat(second.status()).isEqualTo(200);
    String a = (String) first.reply().json().get("report");
    String b = (String) second.reply().json().get("report");
    assertThat(a).isNotEqualTo(b);
    assertThat(verified(b).getPayload().toJSONObject().get("nonce")).isEqualTo(OTHER_NONCE);
  }

  @Test
  void aMalformedNonceIsRefused() {
    for (String nonce : List.of("", "abc", NONCE + "00", NONCE.substring(2) + "zz")) {
      var reply = get("/v1/attestation/report?nonce=" + nonce);
      assertThat(reply.status()).as(nonce).isEqualTo(400);
      assertThat(reply.reply().errorCode()).isEqualTo("ERR_INVALID_001");
    }
    for (String algo : List.of("ES256", "ECDSA", "secp256k1")) {
      var reply = get("/v1/attestation/report?nonce=" + NONCE + "&signing_algo=" + algo);
      assertThat(reply.status()).as(algo).isEqualTo(400);
      assertThat(reply.reply().errorCode()).isEqualTo("ERR_INVALID_001");
    }
    var none = get("/v1/attestation/report");
    assertThat(none.status()).isEqualTo(400);
    var tenant =
        get("/api/v1/kms/keys/attestation?algorithm=Dilithium3&key_version=1&nonce=nothex");
    assertThat(tenant.status()).isEqualTo(400);
    assertThat(tenant.reply().errorCode()).isEqualTo("ERR_INVALID_001");
  }

  @Test
  void anUnknownServiceKeyIsNotFound() {
    var reply =
        get(
            "/v1/attestation/report?nonce="
                + NONCE
                + "&signing_algo=ecdsa&signing_address=0x0000000000000000000000000000000000000000");
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.reply().errorCode()).isEqualTo("ERR_NOT_FOUND_001");
    var unknownVersion =
        get("/api/v1/kms/keys/attestation?algorithm=Dilithium3&key_version=7&nonce=" + NONCE);
    assertThat(unknownVersion.status()).isEqualTo(404);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTenantMlDsaKeyReportsTheKeyThatWrapsIt() throws Exception {
    var reply =
        get("/api/v1/kms/keys/attestation?algorithm=Dilithium3&key_version=1&nonce=" + NONCE);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    Map<String, Object> data = reply.reply().data();
    Map<String, Object> claims = verified((String) data.get("report")).getPayload().toJSONObject();
    assertThat(sameJson(data.get("claims"))).isEqualTo(claims);
    assertThat(claims)
        .containsEntry("nonce", NONCE)
        .containsEntry("algorithm", "Dilithium3")
        .containsEntry("status", "active")
        .containsEntry("protection", "hsm-wrapped");
    assertThat(((Number) claims.get("key_version")).intValue()).isEqualTo(1);
    List<Map<String, Object>> objects = (List<Map<String, Object>>) claims.get("objects");
    assertThat(objects).hasSize(1);
    assertThat(objects.get(0).get("label").toString()).startsWith("signet-kek");
    assertThat((Map<String, Object>) objects.get(0).get("attributes"))
        .containsEntry("CKA_CLASS", "CKO_SECRET_KEY")
        .containsEntry("CKA_SENSITIVE", true)
        .containsEntry("CKA_EXTRACTABLE", false)
        .containsEntry("CKA_NEVER_EXTRACTABLE", true);
  }
}
