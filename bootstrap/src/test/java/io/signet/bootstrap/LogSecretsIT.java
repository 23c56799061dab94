package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signet.adapter.pkcs11.SoftHsmTestToken;
import io.signet.adapter.rest.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logs are JSON lines that name the request and the tenant and never carry a secret or a payload.
 * Runs after every other integration test of the module (its own failsafe execution) and scans the
 * log of that whole run as well as its own: no API key (by shape), no PIN or SO PIN of a test token
 * (by shape), no admin token, no message bytes (raw, base64 or hex).
 */
class LogSecretsIT {
  private static final Pattern API_KEY = Pattern.compile("sgn_[0-9a-f]{32}_[A-Za-z0-9_-]{43}");
  private static final Pattern TOKEN_PIN = Pattern.compile("\\b(pin|so)-[0-9a-f]{16}\\b");
  private static final Path WHOLE_RUN = Path.of("target", "test-run.log");
  private static final Path THIS_RUN = Path.of(System.getProperty("signet.test.log"));
  private static final String CANARY = "log-canary-" + HexFormat.of().formatHex(random(12));
  private static final byte[] MESSAGE = (CANARY + " message").getBytes(StandardCharsets.UTF_8);
  private static final List<String> requestIds = new ArrayList<>();
  private static String tenantId;
  private static String apiKey;

  private static byte[] random(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  @BeforeAll
  static void traffic() throws Exception {
    try (SignetApp app = SignetApp.start()) {
      String[] tenantAndKey = app.tenantWithKey("logs", "sign", "verify", "keys:manage");
      tenantId = tenantAndKey[0];
      apiKey = tenantAndKey[1];
      Map<String, String> caller = Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
      String message = Base64.getEncoder().encodeToString(MESSAGE);
      String hash =
          Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(MESSAGE));
      send(app, "POST", "/api/v1/kms/keys/generate", caller, "{}", 201);
      String signature =
          (String)
              send(
                      app,
                      "POST",
                      "/api/v1/signature/sign",
                      caller,
                      "{\"message\":\"" + message + "\",\"key_version\":1}",
                      200)
                  .data()
                  .get("signature");
      send(
          app,
          "POST",
          "/api/v1/signature/verify",
          caller,
          "{\"message\":\"" + message + "\",\"signature\":\"" + signature + "\",\"key_version\":1}",
          200);
      send(
          app,
          "POST",
          "/api/v1/signature/sign-hash",
          caller,
          "{\"hash\":\"" + hash + "\",\"hash_algorithm\":\"SHA-256\",\"key_version\":1}",
          200);
      // refusals that carry secrets or payload in what the caller sent
      send(
          app,
          "POST",
          "/api/v1/signature/sign",
          caller,
          "{\"message\":\"" + CANARY + "!!\",\"key_version\":1}",
          400);
      send(app, "POST", "/api/v1/signature/sign", caller, "{\"message\": " + CANARY, 400);
      send(
          app,
          "GET",
          "/api/v1/me",
          Map.of("X-API-Key", apiKey.substring(0, apiKey.length() - 4) + "AAAA"),
          null,
          401);
      send(
          app,
          "GET",
          "/admin/v1/tenants",
          Map.of("Authorization", "Bearer " + SignetApp.ADMIN_TOKEN + "x"),
          null,
          401);
    }
  }

  private static RawHttp.Reply send(
      SignetApp app,
      String method,
      String path,
      Map<String, String> headers,
      String body,
      int status) {
    RawHttp.Reply reply = app.http.send(method, path, headers, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    requestIds.add(reply.header("X-Request-Id"));
    return reply;
  }

  private static List<JsonNode> lines(Path log) throws Exception {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      lines.add(json.readTree(line));
    }
    return lines;
  }

  @Test
  void writesOneJsonAccessLinePerRequestWithRequestAndTenantIds() throws Exception {
    List<JsonNode> access =
        lines(THIS_RUN).stream()
            .filter(l -> "io.signet.access".equals(l.path("loggerName").asText()))
            .toList();
    for (String requestId : requestIds) {
      List<JsonNode> mine =
          access.stream()
              .filter(l -> requestId.equals(l.path("mdc").path("request_id").asText()))
              .toList();
      assertThat(mine).as("access lines of request %s", requestId).hasSize(1);
      JsonNode line = mine.getFirst();
      String text = line.toString();
      assertThat(text).contains("\"route\"").contains("\"status\"").contains("\"duration_ms\"");
      if (text.contains("/api/v1/signature") || text.contains("/api/v1/kms")) {
        assertThat(line.path("mdc").path("tenant_id").asText()).isEqualTo(tenantId);
      }
    }
  }

  @Test
  void thisRunsLogHoldsNoSecretAndNoPayload() throws Exception {
    assertNoSecrets(THIS_RUN);
    assertThat(Files.readString(THIS_RUN)).doesNotContain(apiKey.substring(37));
  }

  @Test
  void theWholeTestRunsLogHoldsNoSecretAndNoPayload() throws Exception {
    assertThat(WHOLE_RUN)
        .as("the log of the module's other integration tests (run mvn verify on the module)")
        .exists();
    lines(WHOLE_RUN); // every line is one JSON object
    assertNoSecrets(WHOLE_RUN);
  }

  private static void assertNoSecrets(Path log) throws Exception {
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(text).as(log.toString()).isNotBlank();
    assertThat(API_KEY.matcher(text).find()).as("an API key in " + log).isFalse();
    assertThat(TOKEN_PIN.matcher(text).find()).as("a token PIN in " + log).isFalse();
    assertThat(text)
        .as(log.toString())
        .doesNotContain(SignetApp.ADMIN_TOKEN)
        .doesNotContain(SoftHsmTestToken.get().pin())
        .doesNotContain(CANARY)
        .doesNotContain(Base64.getEncoder().encodeToString(MESSAGE))
        .doesNotContain(HexFormat.of().formatHex(MESSAGE));
  }
}
