package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@MicronautTest(environments = {"test", FakeCoreFactory.ENVIRONMENT})
class KeyApiTest {
  @Inject EmbeddedServer server;
  RawHttp http;
  String tenant;
  Map<String, String> manager;
  Map<String, String> reader;
  Map<String, String> signer;

  @BeforeEach
  void tenantWithKeys() {
    http = new RawHttp(server.getURI());
    tenant = TestCallers.tenant(http, "keys");
    manager = apiKey("keys:manage", "keys:read");
    reader = apiKey("keys:read");
    signer = apiKey("sign", "verify");
  }

  /** {@code method} on this tenant's operator route {@code path}, as the operator. */
  private RawHttp.Reply asOperator(String method, String path, String body) {
    return http.send(
        method, "/admin/v1/tenants/" + tenant + path, AdminApiTest.AS_ADMIN_JSON, body);
  }

  private Map<String, String> apiKey(String... scopes) {
    return TestCallers.apiKey(http, tenant, scopes);
  }

  /**
   * The attestation route's {@code key_version} is read as strictly as a JSON body's: ASCII digits
   * only. {@code Long.parseLong} alone took {@code +1} and fullwidth digits (version 1 was then
   * looked up: 404, or a report).
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"%EF%BC%91", "+1", "%D9%A1", "1.0", "0x1"})
  void attestationKeyVersionIsAsciiDigitsOnly(String keyVersion) {
    var reply =
        http.send(
            "GET",
            "/api/v1/kms/keys/attestation?algorithm=ECDSA-P256&nonce="
                + "ab".repeat(32)
                + "&key_version="
                + keyVersion,
            reader,
            (String) null);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.errorCode()).isEqualTo("ERR_SIG_001");
  }

  @Test
  void aTenantWithoutKeysGetsAnEmptyListAndEveryVersionShowsItsLifecycleDates() {
    var none = http.send("GET", "/api/v1/kms/keys", reader, (String) null);
    assertThat(none.status()).isEqualTo(200);
    assertThat(none.body()).contains("\"data\":{\"keys\":[]}");
    var nothingArchived =
        http.send("GET", "/api/v1/kms/keys?status=archived", reader, (String) null);
    assertThat(nothingArchived.body()).contains("\"data\":{\"keys\":[]}");

    http.send("POST", "/api/v1/kms/keys/generate", manager, "{\"algorithm\":\"Dilithium3\"}");
    var active =
        http.send("GET", "/api/v1/kms/keys/active?algorithm=Dilithium3", reader, (String) null);
    assertThat(active.body()).contains("\"retired_at\":null", "\"archived_at\":null");
  }

  @Test
  @SuppressWarnings("unchecked")
  void walksTheWholeLifecycle() {
    var generated =
        http.send("POST", "/api/v1/kms/keys/generate", manager, "{\"algorithm\":\"ML-DSA-65\"}");
    assertThat(generated.status()).as(generated.body()).isEqualTo(201);
    assertThat(generated.data())
        .containsEntry("key_version", 1)
        .containsEntry("algorithm", "Dilithium3")
        .containsEntry("status", "active")
        .containsEntry("protection", "hsm-wrapped");
    assertThat(Base64.getDecoder().decode((String) generated.data().get("public_key")))
        .isNotEmpty();

    var rotated = http.send("POST", "/api/v1/kms/keys/rotate", manager, "{}");
    assertThat(rotated.status()).isEqualTo(200);
    assertThat((Map<String, Object>) rotated.data().get("active")).containsEntry("key_version", 2);
    assertThat((Map<String, Object>) rotated.data().get("retired"))
        .containsEntry("key_version", 1)
        .containsEntry("status", "retired");

    var active =
        http.send("GET", "/api/v1/kms/keys/active?algorithm=Dilithium3", reader, (String) null);
    assertThat(active.data()).containsEntry("key_version", 2);

    var archived = http.send("POST", "/api/v1/kms/keys/archive", manager, "{\"key_version\":1}");
    assertThat(archived.status()).isEqualTo(200);
    assertThat((Map<String, Object>) archived.data().get("key"))
        .containsEntry("status", "archived");
    assertThat(archived.data()).containsEntry("private_key_destroyed", true);

    var retired =
        http.send(
            "POST",
            "/api/v1/kms/keys/retire",
            manager,
            "{\"algorithm\":\"Dilithium3\",\"key_version\":2}");
    assertThat(retired.data()).containsEntry("status", "retired");

    var list = http.send("GET", "/api/v1/kms/keys?status=archived", reader, (String) null);
    assertThat((List<Map<String, Object>>) list.data().get("keys"))
        .extracting(k -> k.get("key_version"))
        .containsExactly(1);
    var all = http.send("GET", "/api/v1/kms/keys", reader, (String) null);
    assertThat((List<Map<String, Object>>) all.data().get("keys")).hasSize(2);
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /api/v1/kms/keys/retire  | {"key_version":"1"}              | 400 | ERR_SIG_001
          /api/v1/kms/keys/retire  | {"key_version":1.5}              | 400 | ERR_SIG_001
          /api/v1/kms/keys/retire  | {"key_version":1.0}              | 400 | ERR_SIG_001
          /api/v1/kms/keys/retire  | {"key_version":1e0}              | 400 | ERR_SIG_001
          /api/v1/kms/keys/retire  | {"key_version":0}                | 400 | ERR_SIG_001
          /api/v1/kms/keys/retire  | {"key_version":-1}               | 400 | ERR_SIG_001
          /api/v1/kms/keys/retire  | {"key_version":99999999999999999999} | 400 | ERR_SIG_001
          /api/v1/kms/keys/retire  | {"key_version":true}             | 400 | ERR_SIG_001
          /api/v1/kms/keys/retire  | {}                               | 400 | ERR_SIG_001
          /api/v1/kms/keys/retire  | {"key_version":7}                | 404 | ERR_NOT_FOUND_001
          /api/v1/kms/keys/archive | {"key_version":1}                | 409 | ERR_CONFLICT_001
          /api/v1/kms/keys/generate | {}                              | 409 | ERR_CONFLICT_001
          /api/v1/kms/keys/generate | {"algorithm":"dilithium3"}      | 400 | ERR_SIG_001
          /api/v1/kms/keys/generate | {"algorithm":"RSA"}             | 400 | ERR_SIG_001
          /api/v1/kms/keys/generate | {"algorithm":3}                 | 400 | ERR_SIG_001
          /api/v1/kms/keys/generate | {"algoritm":"Dilithium3"}       | 400 | ERR_SIG_001
          /api/v1/kms/keys/generate | not json                        | 400 | ERR_INVALID_001
          /api/v1/kms/keys/rotate  | {"algorithm":"Composite-ML-DSA"} | 404 | ERR_NOT_FOUND_001
          """)
  void refusesBadRequestsWithTheDocumentedCode(String path, String body, int status, String code) {
    http.send("POST", "/api/v1/kms/keys/generate", manager, "{}");
    var reply = http.send("POST", path, manager, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    assertThat(reply.errorCode()).isEqualTo(code);
  }

  @Test
  void eachRouteNeedsItsScope() {
    for (String path :
        List.of(
            "/api/v1/kms/keys/generate",
            "/api/v1/kms/keys/rotate",
            "/api/v1/kms/keys/retire",
            "/api/v1/kms/keys/archive")) {
      for (Map<String, String> caller : List.of(reader, signer)) {
        var reply = http.send("POST", path, caller, "{\"key_version\":1}");
        assertThat(reply.status()).as(path).isEqualTo(403);
        assertThat(reply.errorCode()).isEqualTo("ERR_FORBIDDEN_001");
      }
    }
    for (String path : List.of("/api/v1/kms/keys", "/api/v1/kms/keys/active")) {
      var reply = http.send("GET", path, signer, (String) null);
      assertThat(reply.status()).as(path).isEqualTo(403);
    }
  }

  @Test
  void answersQueryErrorsClearly() {
    assertThat(
            http.send("GET", "/api/v1/kms/keys?status=deleted", reader, (String) null).errorCode())
        .isEqualTo("ERR_SIG_001");
    assertThat(
            http.send("GET", "/api/v1/kms/keys?algorithm=RSA", reader, (String) null).errorCode())
        .isEqualTo("ERR_SIG_001");
    assertThat(http.send("GET", "/api/v1/kms/keys/active", reader, (String) null).status())
        .isEqualTo(404);
  }

  @Test
  void operatorsManageAnyTenantsKeysAndPolicies() {
    var generated = asOperator("POST", "/keys/generate", "{\"algorithm\":\"Composite-ML-DSA\"}");
    assertThat(generated.status()).isEqualTo(201);
    var rotated = asOperator("POST", "/keys/rotate", "{\"algorithm\":\"Composite-ML-DSA\"}");
    assertThat(rotated.status()).isEqualTo(200);
    var policy =
        asOperator("PUT", "/key-policy", "{\"rotate_after_days\":90,\"archive_after_days\":30}");
    assertThat(policy.status()).isEqualTo(200);
    assertThat(policy.data())
        .containsEntry("rotate_after_days", 90)
        .containsEntry("archive_after_days", 30);
    for (String bad :
        List.of(
            "{\"rotate_after_days\":0}",
            "{\"rotate_after_days\":3651}",
            "{\"archive_after_days\":\"7\"}",
            "{\"rotate_after_days\":-99999999999}",
            "{\"every\":1}")) {
      var reply = asOperator("PUT", "/key-policy", bad);
      assertThat(reply.status()).as(bad).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("ERR_SIG_001");
    }
    var unknown =
        http.send(
            "PUT",
            "/admin/v1/tenants/00000000-0000-0000-0000-000000000000/key-policy",
            AdminApiTest.AS_ADMIN_JSON,
            "{}");
    assertThat(unknown.status()).isEqualTo(404);
    var tenantKeyOnAdmin =
        http.send("POST", "/admin/v1/tenants/" + tenant + "/keys/rotate", manager, "{}");
    assertThat(tenantKeyOnAdmin.status()).isEqualTo(401);
  }
}
