package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.rest.RawHttp;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Receipts end to end on PostgreSQL and SoftHSM2 (DESIGN §5.2): a real sign request, the SHA-256 of
 * the exact bytes sent and received, the receipt fetched with each signing_algo and verified by an
 * implementation that is not Signet's (web3j's Ethereum recovery, the JDK's ECDSA, RSASSA-PSS and
 * ML-DSA).
 */
class ReceiptsEndToEndIT {
  @RegisterExtension static final SignetApp app = SignetApp.start();
  private static String apiKey;
  private static String otherKey;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    apiKey = app.tenantWithKey("receipts", "sign", "keys:manage", "receipts:read")[1];
    otherKey = app.tenantWithKey("someone-else", "receipts:read")[1];
    var generated =
        app.http.send(
            "POST",
            "/api/v1/kms/keys/generate",
            Map.of("X-API-Key", apiKey, "Content-Type", "application/json"),
            "{\"algorithm\":\"Dilithium3\"}");
    assertThat(generated.status()).as(generated.body()).isEqualTo(201);
  }

  @SuppressWarnings("ArrayRecordComponent") // a test value: the exact bytes, never compared
  private record Exchanged(byte[] sent, byte[] received, String requestId, int status) {}

  private static Exchanged post(String path, String body) throws Exception {
    return post(path, "application/json", body);
  }

  /** POSTs {@code body} as {@code contentType} (none when null). */
  private static Exchanged post(String path, String contentType, String body) throws Exception {
    byte[] sent = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(app.server.getURI().resolve(path))
            .header("X-API-Key", apiKey)
            .POST(HttpRequest.BodyPublishers.ofByteArray(sent));
    if (contentType != null) request.header("Content-Type", contentType);
    HttpResponse<byte[]> response =
        CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Exchanged(
        sent,
        response.body(),
        response.headers().firstValue("X-Request-Id").orElseThrow(),
        response.statusCode());
  }

  private static String expectedText(Exchanged e) throws Exception {
    HexFormat hex = HexFormat.of();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    return hex.formatHex(sha.digest(e.sent())) + ":" + hex.formatHex(sha.digest(e.received()));
  }

  private static RawHttp.Reply receipt(String requestId, String algo, String key) {
    return app.http.send(
        "GET",
        "/v1/signature/" + requestId + (algo == null ? "" : "?model=any&signing_algo=" + algo),
        Map.of("X-API-Key", key),
        (String) null);
  }

  @SuppressWarnings("unchecked")
  private static PublicKey publicKey(String algo, String keyAlgorithm, String address)
      throws Exception {
    var list = app.http.send("GET", "/v1/signing-keys", Map.of(), (String) null);
    List<Map<String, Object>> keys = (List<Map<String, Object>>) list.json().get("keys");
    Map<String, Object> key =
        keys.stream()
            .filter(
                k -> algo.equals(k.get("signing_algo")) && address.equals(k.get("signing_address")))
            .findFirst()
            .orElseThrow();
    return KeyFactory.getInstance(keyAlgorithm)
        .generatePublic(
            new X509EncodedKeySpec(Base64.getDecoder().decode((String) key.get("public_key"))));
  }

  private static Exchanged signSomething() throws Exception {
    String message =
        Base64.getEncoder().encodeToString("receipted message".getBytes(StandardCharsets.UTF_8));
    Exchanged signed =
        post("/api/v1/signature/sign", "{\"message\":\"" + message + "\",\"key_version\":1}");
    assertThat(signed.status()).isEqualTo(200);
    return signed;
  }

  /** The receipt ({@code algo}: its signing_algo) of a new signing, checked to quote it. */
  private static Map<String, Object> receiptOfASigning(String algo) throws Exception {
    Exchanged signed = signSomething();
    Map<String, Object> body = receipt(signed.requestId(), algo, apiKey).json();
    assertThat(body).containsEntry("text", expectedText(signed));
    return body;
  }

  /** Whether {@code verifier} with {@code key} accepts the receipt's signature of its text. */
  private static boolean verifies(Signature verifier, PublicKey key, Map<String, Object> body)
      throws Exception {
    verifier.initVerify(key);
    verifier.update(((String) body.get("text")).getBytes(StandardCharsets.UTF_8));
    return verifier.verify(signatureBytes(body));
  }

  private static byte[] signatureBytes(Map<String, Object> body) {
    String hex = (String) body.get("signature");
    assertThat(hex).startsWith("0x");
    return HexFormat.of().parseHex(hex.substring(2));
  }

  @Test
  void anEcdsaReceiptRecoversToItsEip55AddressWithWeb3j() throws Exception {
    Exchanged signed = signSomething();
    var reply = receipt(signed.requestId(), null, apiKey);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.header("X-Request-Id")).isNotBlank();
    Map<String, Object> body = reply.json();
    assertThat(body).containsOnlyKeys("text", "signature", "signing_address", "signing_algo");
    assertThat(body)
        .containsEntry("signing_algo", "ecdsa")
        .containsEntry("text", expectedText(signed));
    byte[] rsv = signatureBytes(body);
    assertThat(rsv).hasSize(65);
    assertThat((int) rsv[64]).isIn(27, 28);
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(rsv, 32, 64));
    assertThat(s)
        .isLessThanOrEqualTo(CustomNamedCurves.getByName("secp256k1").getN().shiftRight(1));
    BigInteger recovered =
        Sign.signedPrefixedMessageToKey(
            ((String) body.get("text")).getBytes(StandardCharsets.UTF_8),
            new Sign.SignatureData(
                rsv[64], Arrays.copyOfRange(rsv, 0, 32), Arrays.copyOfRange(rsv, 32, 64)));
    String address = (String) body.get("signing_address");
    assertThat(Keys.toChecksumAddress(Keys.getAddress(recovered))).isEqualTo(address);
    assertThat(Keys.toChecksumAddress(address)).isEqualTo(address);
  }

  @Test
  void anEcdsaP256ReceiptVerifiesWithTheJdkAndNamesItsCompressedKey() throws Exception {
    Map<String, Object> body = receiptOfASigning("ecdsa-p256");
    String address = (String) body.get("signing_address");
    PublicKey key = publicKey("ecdsa-p256", "EC", address);
    byte[] point = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
    byte[] compressed =
        CustomNamedCurves.getByName("secp256r1").getCurve().decodePoint(point).getEncoded(true);
    assertThat(address).isEqualTo("0x" + HexFormat.of().formatHex(compressed));
    byte[] rs = signatureBytes(body);
    assertThat(rs).hasSize(64);
    assertThat(verifies(Signature.getInstance("SHA256withECDSAinP1363Format"), key, body)).isTrue();
  }

  @Test
  void anRsaReceiptVerifiesAsPssWithTheJdk() throws Exception {
    Map<String, Object> body = receiptOfASigning("rsa");
    String address = (String) body.get("signing_address");
    PublicKey key = publicKey("rsa", "RSA", address);
    assertThat(address).isEqualTo(spkiAddress(key));
    Signature verifier = Signature.getInstance("RSASSA-PSS");
    verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    assertThat(verifies(verifier, key, body)).isTrue();
  }

  @Test
  void anMlDsaReceiptVerifiesWithTheJdk() throws Exception {
    Map<String, Object> body = receiptOfASigning("ml-dsa");
    String address = (String) body.get("signing_address");
    PublicKey key = publicKey("ml-dsa", "ML-DSA", address);
    assertThat(address).isEqualTo(spkiAddress(key));
    assertThat(verifies(Signature.getInstance("ML-DSA"), key, body)).isTrue();
  }

  @Test
  void aLargeBodyIsHashedExactlyToo() throws Exception {
    // Over the size hashed in place: hashed on the blocking executor, with the same result.
    byte[] large = new byte[300 * 1024];
    new java.util.Random(7).nextBytes(large);
    Exchanged signed =
        post(
            "/api/v1/signature/sign",
            "{\"message\":\""
                + Base64.getEncoder().encodeToString(large)
                + "\",\"key_version\":1}");
    assertThat(signed.status()).isEqualTo(200);
    assertThat(signed.sent().length)
        .isGreaterThan(16 * 1024); // ReceiptFilter.HASH_IN_PLACE_MAX_BYTES

    assertThat(receipt(signed.requestId(), "ecdsa", apiKey).json())
        .containsEntry("text", expectedText(signed));
  }

  @Test
  void aSignaturesRecordAndItsReceiptCommitInOneTransaction() throws Exception {
    Exchanged single = signSomething();
    String item = "{\"message\":\"aGk=\",\"key_version\":1}";
    Exchanged batch =
        post("/api/v1/signature/sign-batch", "{\"items\":[" + item + "," + item + "]}");
    assertThat(batch.status()).isEqualTo(200);
    assertThat(transactionsOf(single.requestId()))
        .as("xmin of the receipt row, then of the signature_event row")
        .hasSize(2)
        .containsOnly(transactionsOf(single.requestId()).getFirst());
    assertThat(transactionsOf(batch.requestId()))
        .as("the receipt and both items' signature_event rows")
        .hasSize(3)
        .containsOnly(transactionsOf(batch.requestId()).getFirst());
  }

  /** The transaction ids (xmin) that wrote the receipt row, then the signature_event rows. */
  private static List<String> transactionsOf(String requestId) throws Exception {
    try (var c = io.signet.adapter.persistence.PostgresTestDatabase.connect();
        var s =
            c.prepareStatement(
                "SELECT xmin::text FROM receipt WHERE request_id = ?::uuid"
                    + " UNION ALL SELECT xmin::text FROM signature_event WHERE request_id = ?::uuid")) {
      s.setString(1, requestId);
      s.setString(2, requestId);
      List<String> ids = new java.util.ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) ids.add(rows.getString(1));
      }
      return ids;
    }
  }

  @Test
  void errorsAreReceiptedToo() throws Exception {
    Exchanged refused =
        post("/api/v1/signature/sign", "{\"message\":\"not base64!\",\"key_version\":1}");
    assertThat(refused.status()).isEqualTo(400);
    var reply = receipt(refused.requestId(), "ecdsa-p256", apiKey);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json()).containsEntry("text", expectedText(refused));
  }

  /**
   * A body of the wrong type is refused after authentication and receipted, whether the framework
   * refuses the type it states or Signet refuses a body that states none, or another charset.
   */
  @Test
  void aBodyOfTheWrongTypeIsReceipted() throws Exception {
    String message = Base64.getEncoder().encodeToString("typed".getBytes(StandardCharsets.UTF_8));
    String body = "{\"message\":\"" + message + "\",\"key_version\":1}";
    for (String type :
        java.util.Arrays.asList(null, "text/plain", "application/json; charset=utf-16")) {
      Exchanged refused = post("/api/v1/signature/sign", type, body);
      assertThat(refused.status()).as(type).isEqualTo(400);
      assertThat(new String(refused.received(), StandardCharsets.UTF_8))
          .as(type)
          .contains("ERR_INVALID_001");
      var reply = receipt(refused.requestId(), "ecdsa-p256", apiKey);
      assertThat(reply.status()).as(type).isEqualTo(200);
      assertThat(reply.json()).as(type).containsEntry("text", expectedText(refused));
    }
  }

  @Test
  void anotherTenantsReceiptIsAsUnknownAsAnUnknownOne() throws Exception {
    Exchanged signed = signSomething();
    var foreign = receipt(signed.requestId(), null, otherKey);
    var unknown = receipt(java.util.UUID.randomUUID().toString(), null, otherKey);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.errorCode()).isEqualTo("ERR_NOT_FOUND_001");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("ERR_NOT_FOUND_001");
    assertThat(receipt("not-a-uuid", null, apiKey).errorCode()).isEqualTo("ERR_NOT_FOUND_001");
  }

  @Test
  void anUnknownSigningAlgoIsInvalidAndFetchingIsNotReceipted() throws Exception {
    Exchanged signed = signSomething();
    var bad = receipt(signed.requestId(), "ES256", apiKey);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.errorCode()).isEqualTo("ERR_INVALID_001");
    assertThat(receipt(signed.requestId(), "sha1", apiKey).errorCode())
        .isEqualTo("ERR_INVALID_001");
    var fetched = receipt(signed.requestId(), null, apiKey);
    assertThat(fetched.status()).isEqualTo(200);
    assertThat(receipt(fetched.header("X-Request-Id"), null, apiKey).status()).isEqualTo(404);
  }

  @Test
  void needsTheReceiptsReadScope() throws Exception {
    String signOnly = app.tenantWithKey("no-receipts", "sign")[1];
    var reply = receipt(java.util.UUID.randomUUID().toString(), null, signOnly);
    assertThat(reply.status()).isEqualTo(403);
    assertThat(reply.errorCode()).isEqualTo("ERR_FORBIDDEN_001");
  }

  private static String spkiAddress(PublicKey key) throws Exception {
    byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    return "0x" + HexFormat.of().formatHex(hash, 0, 20);
  }

  static URI base() {
    return app.server.getURI();
  }
}
