package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.signet.application.fake.FakeKeyCustody;
import io.signet.application.fake.InMemorySigningLog;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of the error table and every status rule, through real HTTP, over the fakes. */
@MicronautTest(environments = {"test", FakeCoreFactory.ENVIRONMENT})
class SignatureApiTest {
  private static final String MESSAGE = b64("hello, post-quantum world");

  @Inject EmbeddedServer server;
  @Inject FakeKeyCustody custody;
  @Inject InMemorySigningLog log;
  RawHttp http;
  String tenant;
  Map<String, String> signer;
  Map<String, String> manager;

  @BeforeEach
  void tenantWithAKey() {
    http = new RawHttp(server.getURI());
    tenant = TestCallers.tenant(http, "sig");
    signer = apiKey("sign", "verify");
    manager = apiKey("keys:manage");
    http.send("POST", "/api/v1/kms/keys/generate", manager, "{}");
    http.send("POST", "/api/v1/kms/keys/generate", manager, "{\"algorithm\":\"Composite-ML-DSA\"}");
  }

  @AfterEach
  void repair() {
    custody.repair();
  }

  private Map<String, String> apiKey(String... scopes) {
    return TestCallers.apiKey(http, tenant, scopes);
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha(String algorithm, String message) throws Exception {
    return Base64.getEncoder()
        .encodeToString(
            MessageDigest.getInstance(algorithm).digest(message.getBytes(StandardCharsets.UTF_8)));
  }

  /** Verifies {@code signature} (base64) of {@link #MESSAGE} with version 1, as the signer. */
  private RawHttp.Reply verifyMessage(String signature) {
    return http.send(
        "POST",
        "/api/v1/signature/verify",
        signer,
        "{\"message\":\"" + MESSAGE + "\",\"signature\":\"" + signature + "\",\"key_version\":1}");
  }

  /** Signs the SHA-256 of "doc" with version 1, as the signer; {@code more}: further fields. */
  private RawHttp.Reply signDocHash(String more) throws Exception {
    return http.send(
        "POST",
        "/api/v1/signature/sign-hash",
        signer,
        "{\"hash\":\""
            + sha("SHA-256", "doc")
            + "\",\"hash_algorithm\":\"SHA-256\",\"key_version\":1"
            + more
            + "}");
  }

  private String sign(String body) {
    var reply = http.send("POST", "/api/v1/signature/sign", signer, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return (String) reply.data().get("signature");
  }

  @Test
  void signsAndVerifiesAndAFlippedByteIsValidFalseWith200() {
    String signature = sign("{\"message\":\"" + MESSAGE + "\",\"key_version\":1}");
    var verified = verifyMessage(signature);
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.data())
        .containsEntry("valid", true)
        .containsEntry("key_version", 1)
        .containsEntry("algorithm", "Dilithium3");

    byte[] flipped = Base64.getDecoder().decode(signature);
    flipped[10] ^= 1;
    var tampered = verifyMessage(Base64.getEncoder().encodeToString(flipped));
    assertThat(tampered.status()).isEqualTo(200);
    assertThat(tampered.data()).containsEntry("valid", false);
  }

  @Test
  void signsHashesWithTheDocumentedShape() throws Exception {
    var reply = signDocHash("");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.data())
        .containsEntry("hash_algorithm", "SHA-256")
        .containsEntry("signature_type", "detached")
        .containsEntry("algorithm", "Dilithium3");
    var verified =
        http.send(
            "POST",
            "/api/v1/signature/verify-hash",
            signer,
            "{\"hash\":\""
                + sha("SHA-256", "doc")
                + "\",\"hash_algorithm\":\"SHA-256\",\"signature\":\""
                + reply.data().get("signature")
                + "\",\"key_version\":1}");
    assertThat(verified.data())
        .containsEntry("valid", true)
        .containsEntry("hash_algorithm", "SHA-256");
  }

  @Test
  void statusRulesSignActiveOnlyVerifyActiveOrRetiredArchivedIsNotFound() {
    String body = "{\"message\":\"" + MESSAGE + "\",\"key_version\":1}";
    String signature = sign(body);
    String verify =
        "{\"message\":\"" + MESSAGE + "\",\"signature\":\"" + signature + "\",\"key_version\":1}";
    http.send("POST", "/api/v1/kms/keys/rotate", manager, "{}");

    var signRetired = http.send("POST", "/api/v1/signature/sign", signer, body);
    assertThat(signRetired.status()).isEqualTo(404);
    assertThat(signRetired.errorCode()).isEqualTo("ERR_NOT_FOUND_001");
    assertThat(http.send("POST", "/api/v1/signature/verify", signer, verify).data())
        .containsEntry("valid", true);

    http.send("POST", "/api/v1/kms/keys/archive", manager, "{\"key_version\":1}");
    assertThat(http.send("POST", "/api/v1/signature/verify", signer, verify).errorCode())
        .isEqualTo("ERR_NOT_FOUND_001");
    assertThat(http.send("POST", "/api/v1/signature/sign", signer, body).errorCode())
        .isEqualTo("ERR_NOT_FOUND_001");
    assertThat(
            http.send(
                    "POST",
                    "/api/v1/signature/sign",
                    signer,
                    "{\"message\":\"" + MESSAGE + "\",\"key_version\":2}")
                .status())
        .isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          sign | {"message":"aGk="}                                          | 400 | ERR_SIG_001
          sign | {"message":"aGk=","key_version":"1"}                      | 400 | ERR_SIG_001
          sign | {"message":"aGk=","key_version":1.0}                      | 400 | ERR_SIG_001
          sign | {"message":"aGk=","key_version":0}                        | 400 | ERR_SIG_001
          sign | {"message":"aGk=","key_version":-2}                       | 400 | ERR_SIG_001
          sign | {"message":"aGk","key_version":1}                         | 400 | ERR_SIG_001
          sign | {"message":"aGk=\\n","key_version":1}                     | 400 | ERR_SIG_001
          sign | {"message":"aGj=","key_version":1}                        | 400 | ERR_SIG_001
          sign | {"message":"a-_=","key_version":1}                        | 400 | ERR_SIG_001
          sign | {"message":"aGk=","key_version":1,"algorithm":"ml-dsa-65"} | 400 | ERR_SIG_001
          sign | {"message":"aGk=","key_version":1,"algorithm":"Falcon"}    | 400 | ERR_SIG_001
          sign | {"message":"aGk=","key_version":1,"context":"%%%"}         | 400 | ERR_SIG_001
          sign | {"message":42,"key_version":1}                            | 400 | ERR_SIG_001
          sign | {"message":"aGk=","key_version":1,"extra":true}           | 400 | ERR_SIG_001
          sign | {"message":"aGk=","key_version":9}                        | 404 | ERR_NOT_FOUND_001
          sign | {"message":"aGk=","key_version":1                         | 400 | ERR_INVALID_001
          sign-hash | {"hash":"aGk=","hash_algorithm":"MD5","key_version":1} | 400 | ERR_SIG_010
          sign-hash | {"hash":"aGk=","hash_algorithm":"sha-256","key_version":1} | 400 | ERR_SIG_010
          sign-hash | {"hash":"aGk=","hash_algorithm":"SHA-256","key_version":1} | 400 | ERR_SIG_011
          sign-hash | {"hash":"aGk=","key_version":1}                      | 400 | ERR_SIG_001
          verify | {"message":"aGk=","key_version":1}                       | 400 | ERR_SIG_001
          verify | {"message":"aGk=","signature":"!!","key_version":1}     | 400 | ERR_SIG_001
          verify-hash | {"hash":"aGk=","hash_algorithm":"SHA-1","signature":"aGk=","key_version":1} | 400 | ERR_SIG_010
          """)
  void refusesEveryBadInputWithTheDocumentedCode(
      String route, String body, int status, String code) {
    var reply = http.send("POST", "/api/v1/signature/" + route, signer, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.errorCode()).isEqualTo(code);
  }

  @Test
  void compositeSignHashTakesOnlySha512AndSaysWhy() throws Exception {
    var refused = signDocHash(",\"algorithm\":\"Composite-ML-DSA\"");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("ERR_SIG_010");
    assertThat(refused.body()).contains("SHA-512");
    var accepted =
        http.send(
            "POST",
            "/api/v1/signature/sign-hash",
            signer,
            "{\"hash\":\""
                + sha("SHA-512", "doc")
                + "\",\"hash_algorithm\":\"SHA-512\",\"key_version\":1,\"algorithm\":\"Composite-ML-DSA\"}");
    assertThat(accepted.status()).isEqualTo(200);
  }

  @Test
  void contextsUpTo255BytesAreAcceptedLongerAreRefused() {
    String ok = Base64.getEncoder().encodeToString(new byte[255]);
    String tooLong = Base64.getEncoder().encodeToString(new byte[256]);
    assertThat(
            http.send(
                    "POST",
                    "/api/v1/signature/sign",
                    signer,
                    "{\"message\":\"aGk=\",\"key_version\":1,\"context\":\"" + ok + "\"}")
                .status())
        .isEqualTo(200);
    var refused =
        http.send(
            "POST",
            "/api/v1/signature/sign",
            signer,
            "{\"message\":\"aGk=\",\"key_version\":1,\"context\":\"" + tooLong + "\"}");
    assertThat(refused.errorCode()).isEqualTo("ERR_SIG_001");
    assertThat(refused.body()).contains("255");
  }

  @Test
  void payloadsOverOneMebibyteAreErrSig002AndBodiesOverTheServerLimitAre413() {
    String justOver = Base64.getEncoder().encodeToString(new byte[1024 * 1024 + 1]);
    var tooLarge =
        http.send(
            "POST",
            "/api/v1/signature/sign",
            signer,
            "{\"message\":\"" + justOver + "\",\"key_version\":1}");
    assertThat(tooLarge.status()).isEqualTo(400);
    assertThat(tooLarge.errorCode()).isEqualTo("ERR_SIG_002");
    String exactly = Base64.getEncoder().encodeToString(new byte[1024 * 1024]);
    assertThat(
            http.send(
                    "POST",
                    "/api/v1/signature/sign",
                    signer,
                    "{\"message\":\"" + exactly + "\",\"key_version\":1}")
                .status())
        .isEqualTo(200);
    String huge = Base64.getEncoder().encodeToString(new byte[3 * 1024 * 1024]);
    var rejected =
        http.send(
            "POST",
            "/api/v1/signature/sign",
            signer,
            "{\"message\":\"" + huge + "\",\"key_version\":1}");
    assertThat(rejected.status()).isEqualTo(413);
    assertThat(rejected.errorCode()).isEqualTo("ERR_SIG_002");
  }

  @Test
  void scopesAndCredentialsAreChecked() {
    Map<String, String> verifierOnly = apiKey("verify");
    var forbidden =
        http.send(
            "POST",
            "/api/v1/signature/sign",
            verifierOnly,
            "{\"message\":\"aGk=\",\"key_version\":1}");
    assertThat(forbidden.status()).isEqualTo(403);
    assertThat(forbidden.errorCode()).isEqualTo("ERR_FORBIDDEN_001");
    assertThat(http.send("POST", "/api/v1/signature/verify", manager, "{}").status())
        .isEqualTo(403);
    assertThat(
            http.send(
                    "POST",
                    "/api/v1/signature/sign",
                    Map.of("Content-Type", "application/json"),
                    "{}")
                .errorCode())
        .isEqualTo("ERR_AUTH_001");
    var wrongType =
        http.send(
            "POST",
            "/api/v1/signature/sign",
            Map.of("X-API-Key", signer.get("X-API-Key"), "Content-Type", "text/plain"),
            "{}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.errorCode()).isEqualTo("ERR_INVALID_001");
  }

  @Test
  void anUnavailableHsmIs503AndNothingIsSigned() {
    custody.breakDown();
    var reply =
        http.send(
            "POST", "/api/v1/signature/sign", signer, "{\"message\":\"aGk=\",\"key_version\":1}");
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.errorCode()).isEqualTo("ERR_SERVICE_001");
    assertThat(reply.body()).doesNotContain("signature\"");
  }

  @Test
  void signaturesAreAuditedByHashNeverByPayload() throws Exception {
    int before = log.events().size();
    sign("{\"message\":\"" + MESSAGE + "\",\"key_version\":1}");
    var event = log.events().get(before);
    assertThat(event.payloadSha256().toArray())
        .isEqualTo(
            MessageDigest.getInstance("SHA-256")
                .digest("hello, post-quantum world".getBytes(StandardCharsets.UTF_8)));
    assertThat(event.operation()).isEqualTo("sign");
  }
}
