package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@MicronautTest(environments = {"test", FakeCoreFactory.ENVIRONMENT})
class AdminApiTest {
  static final String ADMIN = "Bearer test-admin-token-0123456789abcdef0123";
  static final Map<String, String> AS_ADMIN_JSON =
      Map.of("Authorization", ADMIN, "Content-Type", "application/json");

  @Inject EmbeddedServer server;
  RawHttp http;

  @BeforeEach
  void connect() {
    http = new RawHttp(server.getURI());
  }

  private String createTenant(String name) {
    var reply =
        http.send(
            "POST",
            "/admin/v1/tenants",
            AS_ADMIN_JSON,
            "{\"name\":\"" + name + "\",\"plan\":\"free\"}");
    assertThat(reply.status()).isEqualTo(201);
    return (String) reply.data().get("tenant_id");
  }

  /**
   * Path and query ids take one text form, a UUID's 8-4-4-4-12 hex digits (either case, as RFC 9562
   * reads them): the other strings {@code UUID.fromString} takes for the same id ({@code
   * 1-1-1-1-1}, a leading {@code +}, other scripts' digits) are 400 ERR_SIG_001 like any malformed
   * id; they named the tenant {@code 00000001-0001-…}.
   */
  @Test
  void idsAreTakenInTheirOneTextFormOnly() {
    String tenant = createTenant("ids");
    List<String> malformed =
        List.of(
            "1-1-1-1-1",
            "+0000000-0000-0000-0000-000000000000",
            "\u06600000000-0000-0000-0000-000000000000",
            "{" + tenant + "}",
            tenant.replace("-", ""));
    for (String id : malformed) {
      String path =
          "/admin/v1/tenants/"
              + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8);
      for (var reply :
          List.of(
              http.send("PUT", path + "/key-policy", AS_ADMIN_JSON, "{}"),
              http.send("POST", path + "/api-keys", AS_ADMIN_JSON, "{\"scopes\":[\"sign\"]}"),
              http.send("POST", path + "/keys/generate", AS_ADMIN_JSON, "{}"),
              http.send(
                  "DELETE",
                  "/admin/v1/api-keys/" + path.substring(18),
                  AS_ADMIN_JSON,
                  (String) null),
              http.send(
                  "GET",
                  "/admin/v1/audit?tenant_id=" + path.substring(18),
                  AS_ADMIN_JSON,
                  (String) null))) {
        assertThat(reply.status()).as(id + ": " + reply.body()).isEqualTo(400);
        assertThat(reply.errorCode()).isEqualTo("ERR_SIG_001");
      }
    }
    var upper =
        http.send(
            "PUT",
            "/admin/v1/tenants/" + tenant.toUpperCase(java.util.Locale.ROOT) + "/key-policy",
            AS_ADMIN_JSON,
            "{}");
    assertThat(upper.status()).as(upper.body()).isEqualTo(200);
  }

  @Test
  void createsATenantInTheEnvelope() {
    var reply = http.send("POST", "/admin/v1/tenants", AS_ADMIN_JSON, "{\"name\":\"acme\"}");
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.data())
        .containsEntry("name", "acme")
        .containsEntry("plan", "standard")
        .containsKey("tenant_id");
    Map<String, Object> body = reply.json();
    assertThat(UUID.fromString((String) body.get("request_id"))).isNotNull();
    assertThat((String) body.get("timestamp"))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    assertThat(reply.header("X-Request-Id")).isEqualTo(body.get("request_id"));
  }

  @Test
  void refusesABodyThatIsNotUtf8() {
    for (var charset :
        List.of(
            java.nio.charset.StandardCharsets.UTF_16,
            java.nio.charset.StandardCharsets.UTF_16LE,
            java.nio.charset.StandardCharsets.UTF_16BE)) {
      var reply =
          http.send(
              "POST",
              "/admin/v1/tenants",
              Map.of("Authorization", ADMIN, "Content-Type", "application/json"),
              "{\"name\":\"acme\"}".getBytes(charset));
      assertThat(reply.status()).as(charset.name()).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("ERR_INVALID_001");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void listsTenants() {
    String id = createTenant("listed");
    var reply =
        http.send("GET", "/admin/v1/tenants", Map.of("Authorization", ADMIN), (String) null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat((List<Map<String, Object>>) reply.data().get("tenants"))
        .anySatisfy(t -> assertThat(t).containsEntry("tenant_id", id));
  }

  @Test
  void issuesAnApiKeyOnceThatAuthenticatesUntilRevoked() {
    String tenant = createTenant("keys");
    var issued =
        http.send(
            "POST",
            "/admin/v1/tenants/" + tenant + "/api-keys",
            AS_ADMIN_JSON,
            "{\"scopes\":[\"sign\",\"verify\"],\"name\":\"ci\"}");
    assertThat(issued.status()).isEqualTo(201);
    assertThat(issued.data())
        .containsEntry("scopes", List.of("sign", "verify"))
        .containsEntry("tenant_id", tenant);
    String apiKey = (String) issued.data().get("api_key");
    String keyId = (String) issued.data().get("key_id");

    var me = http.send("GET", "/api/v1/me", Map.of("X-API-Key", apiKey), (String) null);
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.data()).containsEntry("tenant_id", tenant).containsEntry("key_id", keyId);

    var revoked =
        http.send(
            "DELETE", "/admin/v1/api-keys/" + keyId, Map.of("Authorization", ADMIN), (String) null);
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.data()).containsEntry("key_id", keyId).containsKey("revoked_at");

    var after = http.send("GET", "/api/v1/me", Map.of("X-API-Key", apiKey), (String) null);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.errorCode()).isEqualTo("ERR_AUTH_001");
  }

  @Test
  void showsAnUnnamedKeysNameAsNullAndAnEmptyAuditAsAnEmptyList() {
    String tenant = createTenant("shapes");
    var unnamed =
        http.send(
            "POST",
            "/admin/v1/tenants/" + tenant + "/api-keys",
            AS_ADMIN_JSON,
            "{\"scopes\":[\"sign\"]}");
    assertThat(unnamed.status()).isEqualTo(201);
    assertThat(unnamed.body()).contains("\"name\":null");
    var none =
        http.send(
            "GET",
            "/admin/v1/audit?tenant_id=" + java.util.UUID.randomUUID(),
            Map.of("Authorization", ADMIN),
            (String) null);
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.body()).contains("\"data\":{\"events\":[]}");
  }

  @Test
  @SuppressWarnings("unchecked")
  void auditsEveryAdminAction() {
    String tenant = createTenant("audited");
    http.send(
        "POST",
        "/admin/v1/tenants/" + tenant + "/api-keys",
        AS_ADMIN_JSON,
        "{\"scopes\":[\"sign\"]}");
    var audit =
        http.send(
            "GET",
            "/admin/v1/audit?tenant_id=" + tenant + "&limit=10",
            Map.of("Authorization", ADMIN),
            (String) null);
    assertThat(audit.status()).isEqualTo(200);
    var events = (List<Map<String, Object>>) audit.data().get("events");
    assertThat(events)
        .extracting(e -> e.get("action"))
        .containsExactly("api_key.issued", "tenant.created");
    assertThat(events)
        .allSatisfy(
            e -> assertThat(e).containsEntry("actor", "operator").containsKey("request_id"));
  }

  @ParameterizedTest(name = "{0} {1} with {2} -> {3} {4}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          POST | /admin/v1/tenants | {"name":""}                       | 400 | ERR_SIG_001
          POST | /admin/v1/tenants | {}                                | 400 | ERR_SIG_001
          POST | /admin/v1/tenants | {"name":5}                        | 400 | ERR_SIG_001
          POST | /admin/v1/tenants | {"name":["a"]}                    | 400 | ERR_SIG_001
          POST | /admin/v1/tenants | {"name":"a","plan":"gold"}        | 400 | ERR_SIG_001
          POST | /admin/v1/tenants | {"name":"a","plan":7}             | 400 | ERR_SIG_001
          POST | /admin/v1/tenants | {"name":"a","nmae":"b"}           | 400 | ERR_SIG_001
          POST | /admin/v1/tenants | {"name":"a","name":"b"}           | 400 | ERR_INVALID_001
          POST | /admin/v1/tenants | {"name":"a"} trailing             | 400 | ERR_INVALID_001
          POST | /admin/v1/tenants | {"name":                          | 400 | ERR_INVALID_001
          POST | /admin/v1/tenants | [1,2]                             | 400 | ERR_INVALID_001
          POST | /admin/v1/tenants | "just a string"                   | 400 | ERR_INVALID_001
          POST | /admin/v1/tenants | null                              | 400 | ERR_INVALID_001
          POST | /admin/v1/tenants/00000000-0000-0000-0000-000000000000/api-keys | {"scopes":["sign"]} | 404 | ERR_NOT_FOUND_001
          POST | /admin/v1/tenants/not-a-uuid/api-keys | {"scopes":["sign"]} | 400 | ERR_SIG_001
          DELETE | /admin/v1/api-keys/not-a-uuid | | 400 | ERR_SIG_001
          DELETE | /admin/v1/api-keys/00000000-0000-0000-0000-000000000000 | | 404 | ERR_NOT_FOUND_001
          GET | /admin/v1/audit?limit=0 | | 400 | ERR_SIG_001
          GET | /admin/v1/audit?limit=abc | | 400 | ERR_SIG_001
          GET | /admin/v1/audit?since=yesterday | | 400 | ERR_SIG_001
          GET | /admin/v1/audit?since=%2B999999999-12-31T23:59:59Z | | 400 | ERR_SIG_001
          GET | /admin/v1/audit?since=-999999999-01-01T00:00:00Z | | 400 | ERR_SIG_001
          GET | /admin/v1/audit?since=10000-01-01T00:00:00Z | | 400 | ERR_SIG_001
          GET | /admin/v1/audit?limit=%EF%BC%95 | | 400 | ERR_SIG_001
          GET | /admin/v1/audit?limit=%2B5 | | 400 | ERR_SIG_001
          GET | /admin/v1/audit?tenant_id=zzz | | 400 | ERR_SIG_001
          GET | /admin/v1/nothing-here | | 404 | ERR_NOT_FOUND_001
          PUT | /admin/v1/tenants | {"name":"a"} | 405 | ERR_INVALID_001
          """)
  void refusesBadInputWithTheDocumentedCode(
      String method, String path, String body, int status, String code) {
    var reply = http.send(method, path, AS_ADMIN_JSON, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.errorCode()).isEqualTo(code);
    assertThat(reply.json()).containsKeys("request_id", "timestamp");
  }

  @Test
  void refusesBadScopes() {
    String tenant = createTenant("scopes");
    for (String body :
        new String[] {
          "{\"scopes\":[]}",
          "{\"scopes\":[\"root\"]}",
          "{\"scopes\":\"sign\"}",
          "{\"scopes\":[1]}",
          "{\"name\":\"x\"}"
        }) {
      var reply =
          http.send("POST", "/admin/v1/tenants/" + tenant + "/api-keys", AS_ADMIN_JSON, body);
      assertThat(reply.status()).as(body).isEqualTo(400);
      assertThat(reply.errorCode()).as(body).isEqualTo("ERR_SIG_001");
    }
  }

  @Test
  void refusesTheWrongContentType() {
    var reply =
        http.send(
            "POST",
            "/admin/v1/tenants",
            Map.of("Authorization", ADMIN, "Content-Type", "text/plain"),
            "{\"name\":\"a\"}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("ERR_INVALID_001");
  }

  @Test
  void refusesBodiesOverTheLimitBeforeReadingThem() {
    byte[] huge = new byte[4 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    var reply = http.send("POST", "/admin/v1/tenants", AS_ADMIN_JSON, huge);
    assertThat(reply.status()).isEqualTo(413);
    assertThat(reply.errorCode()).isEqualTo("ERR_SIG_002");
  }

  @Test
  void refusesMissingAndWrongAdminTokens() {
    for (Map<String, String> headers :
        List.of(
            Map.<String, String>of(),
            Map.of("Authorization", "Bearer wrong"),
            Map.of("Authorization", ADMIN + "x"),
            Map.of("Authorization", "Basic " + ADMIN.substring(7)),
            Map.of("X-API-Key", ADMIN.substring(7)))) {
      var reply = http.send("GET", "/admin/v1/tenants", headers, (String) null);
      assertThat(reply.status()).as(headers.toString()).isEqualTo(401);
      assertThat(reply.errorCode()).isEqualTo("ERR_AUTH_001");
    }
  }

  @Test
  void tenantRoutesRefuseMissingAndMalformedKeys() {
    for (Map<String, String> headers :
        List.of(
            Map.<String, String>of(),
            Map.of("X-API-Key", ""),
            Map.of("X-API-Key", "sgn_x"),
            Map.of("Authorization", ADMIN))) {
      var reply = http.send("GET", "/api/v1/me", headers, (String) null);
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.errorCode()).isEqualTo("ERR_AUTH_001");
    }
  }

  @Test
  void unknownRoutesGetTheEnvelopeToo() {
    var reply = http.send("GET", "/nowhere", Map.of(), (String) null);
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.errorCode()).isEqualTo("ERR_NOT_FOUND_001");
    assertThat(reply.json()).containsKeys("request_id", "timestamp");
  }
}
