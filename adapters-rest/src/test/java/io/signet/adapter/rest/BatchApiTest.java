package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.signet.application.fake.InMemorySigningLog;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batch signing and verification (DESIGN §3.1) through real HTTP, over the fakes. */
@MicronautTest(environments = {"test", FakeCoreFactory.ENVIRONMENT})
class BatchApiTest {
  private static final String MESSAGE = b64("batch item");

  @Inject EmbeddedServer server;
  @Inject InMemorySigningLog log;
  RawHttp http;
  Map<String, String> caller;

  @BeforeEach
  void tenantWithKeys() {
    http = new RawHttp(server.getURI());
    caller = tenant("standard");
    http.send("POST", "/api/v1/kms/keys/generate", caller, "{}");
    http.send("POST", "/api/v1/kms/keys/generate", caller, "{\"algorithm\":\"Composite-ML-DSA\"}");
  }

  @AfterEach
  void repair() {
    log.repair();
  }

  private Map<String, String> tenant(String plan) {
    return TestCallers.caller(http, "batch", plan, "\"sign\",\"verify\",\"keys:manage\"");
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256() throws Exception {
    return Base64.getEncoder()
        .encodeToString(
            MessageDigest.getInstance("SHA-256")
                .digest("batch item".getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Item i: a message, a SHA-256 hash, bad base64, an unknown version, a hash Composite refuses.
   */
  private static String item(int i, String hash) {
    return switch (i % 5) {
      case 0 -> "{\"message\":\"" + MESSAGE + "\",\"key_version\":1}";
      case 1 -> "{\"hash\":\"" + hash + "\",\"hash_algorithm\":\"SHA-256\",\"key_version\":1}";
      case 2 -> "{\"message\":\"not base64!\",\"key_version\":1}";
      case 3 -> "{\"message\":\"" + MESSAGE + "\",\"key_version\":99}";
      default ->
          "{\"hash\":\""
              + hash
              + "\",\"hash_algorithm\":\"SHA-256\",\"key_version\":1,"
              + "\"algorithm\":\"Composite-ML-DSA\"}";
    };
  }

  private static String batch(List<String> items) {
    return "{\"items\":[" + String.join(",", items) + "]}";
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> results(RawHttp.Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return (List<Map<String, Object>>) reply.data().get("results");
  }

  @SuppressWarnings("unchecked")
  private static String code(Map<String, Object> result) {
    return (String) ((Map<String, Object>) result.get("error")).get("error_code");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aThousandMixedItemsGetAThousandResultsInOrderAndEachSignatureIsAuditedAndVerifies()
      throws Exception {
    String hash = sha256();
    List<String> items = new ArrayList<>();
    for (int i = 0; i < 1000; i++) items.add(item(i, hash));
    int before = log.events().size();

    List<Map<String, Object>> results =
        results(http.send("POST", "/api/v1/signature/sign-batch", caller, batch(items)));

    assertThat(results).hasSize(1000);
    List<String> verifyItems = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      Map<String, Object> result = results.get(i);
      assertThat(result.get("index")).isEqualTo(i);
      switch (i % 5) {
        case 0, 1 -> {
          Map<String, Object> data = (Map<String, Object>) result.get("data");
          assertThat(result).doesNotContainKey("error");
          assertThat(data).containsEntry("key_version", 1).containsEntry("algorithm", "Dilithium3");
          if (i % 5 == 1) {
            assertThat(data)
                .containsEntry("hash_algorithm", "SHA-256")
                .containsEntry("signature_type", "detached");
            verifyItems.add(
                "{\"hash\":\""
                    + hash
                    + "\",\"hash_algorithm\":\"SHA-256\",\"key_version\":1,\"signature\":\""
                    + data.get("signature")
                    + "\"}");
          } else {
            verifyItems.add(
                "{\"message\":\""
                    + MESSAGE
                    + "\",\"key_version\":1,\"signature\":\""
                    + data.get("signature")
                    + "\"}");
          }
        }
        case 2 -> assertThat(code(result)).isEqualTo("ERR_SIG_001");
        case 3 -> assertThat(code(result)).isEqualTo("ERR_NOT_FOUND_001");
        default -> assertThat(code(result)).isEqualTo("ERR_SIG_010");
      }
    }
    assertThat(log.events().size() - before).as("one audit row per signature").isEqualTo(400);

    verifyItems.add(verifyItems.getFirst().replace("\"key_version\":1", "\"key_version\":2"));
    List<Map<String, Object>> verified =
        results(http.send("POST", "/api/v1/signature/verify-batch", caller, batch(verifyItems)));
    assertThat(verified).hasSize(401);
    for (int i = 0; i < 400; i++) {
      assertThat(((Map<String, Object>) verified.get(i).get("data")).get("valid"))
          .as("item " + i)
          .isEqualTo(true);
    }
    assertThat(code(verified.get(400))).isEqualTo("ERR_NOT_FOUND_001");
  }

  @Test
  void aWholeBodyThatIsNotABatchIsRefusedWith400() {
    String one = item(0, "");
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 1001; i++) tooMany.add(one);
    for (String body :
        List.of(
            "{\"items\":[]}", batch(tooMany), "{\"items\":\"x\"}", "{\"item\":[" + one + "]}")) {
      var reply = http.send("POST", "/api/v1/signature/sign-batch", caller, body);
      assertThat(reply.status()).as(body.length() > 80 ? "1001 items" : body).isEqualTo(400);
      assertThat(reply.body()).contains("ERR_SIG_001");
    }
    var notJson = http.send("POST", "/api/v1/signature/verify-batch", caller, "{\"items\":[");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body()).contains("ERR_INVALID_001");
  }

  @Test
  void itemsThatAreNotObjectsOrHaveUnknownFieldsFailAlone() {
    var reply =
        http.send(
            "POST",
            "/api/v1/signature/sign-batch",
            caller,
            batch(
                List.of(
                    "7",
                    "{\"message\":\"" + MESSAGE + "\",\"key_version\":1,\"x\":1}",
                    item(0, ""))));
    List<Map<String, Object>> results = results(reply);
    assertThat(code(results.get(0))).isEqualTo("ERR_SIG_001");
    assertThat(code(results.get(1))).isEqualTo("ERR_SIG_001");
    assertThat(results.get(2)).containsKey("data");
  }

  @Test
  void whenTheAuditLogCannotCommitNoSignatureOfTheBatchIsReleased() {
    log.breakDown();
    var reply =
        http.send(
            "POST",
            "/api/v1/signature/sign-batch",
            caller,
            batch(List.of(item(0, ""), item(0, ""))));
    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.body()).contains("ERR_SERVICE_001").doesNotContain("\"signature\"");
  }

  @Test
  void aBatchIsChargedPerItem() {
    Map<String, String> free = tenant("free");
    http.send("POST", "/api/v1/kms/keys/generate", free, "{}"); // 50 of the 200 burst
    List<String> fifteen = new ArrayList<>();
    for (int i = 0; i < 15; i++) fifteen.add(item(0, ""));
    var spent = http.send("POST", "/api/v1/signature/sign-batch", free, batch(fifteen));
    assertThat(spent.status()).as(spent.body()).isEqualTo(200);
    var limited =
        http.send("POST", "/api/v1/signature/sign-batch", free, batch(List.of(item(0, ""))));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body()).contains("ERR_RATE_LIMIT_001");
  }

  @Test
  void aBatchCostingMoreThanTheWholeBurstPassesFromAFullBudgetOnly() {
    // The free plan's burst is 200 units (20 signatures); budgets are per API key, and this
    // context's clock stands still (no refill).
    String tenant = TestCallers.tenant(http, "burst", "free");
    http.send(
        "POST", "/api/v1/kms/keys/generate", TestCallers.apiKey(http, tenant, "keys:manage"), "{}");
    List<String> items = new ArrayList<>();
    for (int i = 0; i < 25; i++) items.add(item(0, "")); // 250 units

    Map<String, String> used = TestCallers.apiKey(http, tenant, "sign");
    assertThat(http.send("POST", "/api/v1/signature/sign", used, item(0, "")).status())
        .isEqualTo(200);
    var notFull = http.send("POST", "/api/v1/signature/sign-batch", used, batch(items));
    assertThat(notFull.status()).as("begun on a budget that is not full").isEqualTo(429);
    assertThat(notFull.headers().get("retry-after")).as("until it is full").containsExactly("1");

    Map<String, String> fresh = TestCallers.apiKey(http, tenant, "sign");
    var passed = http.send("POST", "/api/v1/signature/sign-batch", fresh, batch(items));
    assertThat(passed.status()).as(passed.body()).isEqualTo(200);
    assertThat(results(passed)).hasSize(25).allSatisfy(r -> assertThat(r).containsKey("data"));
    assertThat(passed.headers().get("x-ratelimit-remaining")).containsExactly("0");
    var indebted =
        http.send("POST", "/api/v1/signature/sign-batch", fresh, batch(List.of(item(0, ""))));
    assertThat(indebted.status()).as("the overdraft is paid back first").isEqualTo(429);
  }
}
