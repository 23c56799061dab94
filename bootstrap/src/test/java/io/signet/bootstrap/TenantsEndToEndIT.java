package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.management.health.indicator.HealthIndicator;
import io.signet.adapter.persistence.PostgresTestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tenants and API keys through every layer: HTTP, use cases, PostgreSQL, with the HSM up. */
class TenantsEndToEndIT {
  @RegisterExtension static final SignetApp app = SignetApp.start();

  @Test
  void isReadyWithDatabaseAndHsmUp() {
    var ready = app.http.send("GET", "/health/readiness", SignetApp.AS_ADMIN_JSON, (String) null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.body()).contains("\"database\"").contains("\"hsm\"").contains("UP");
    var anonymous = app.http.send("GET", "/health/readiness", Map.of(), (String) null);
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.body())
        .contains("UP")
        .doesNotContain("\"hsm\"")
        .doesNotContain("database");
    assertThat(app.http.send("GET", "/health/liveness", Map.of(), (String) null).status())
        .isEqualTo(200);
    var live = app.http.send("GET", "/health/liveness", SignetApp.AS_ADMIN_JSON, (String) null);
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.body()).contains("\"" + DeadlockLiveness.NAME + "\"");
    // Signet's deadlock check, at most once per interval; not Micronaut's, a safepoint per request
    assertThat(app.context.getBeansOfType(HealthIndicator.class))
        .hasAtLeastOneElementOfType(DeadlockLiveness.class)
        .noneMatch(i -> i.getClass().getSimpleName().equals("DeadlockedThreadsHealthIndicator"));
  }

  @Test
  void aKeyAuthenticatesUntilRevokedAndOnlyItsHashIsStored() throws Exception {
    String[] tenantAndKey = app.tenantWithKey("e2e", "sign", "keys:read");
    String apiKey = tenantAndKey[1];
    var me = app.http.send("GET", "/api/v1/me", Map.of("X-API-Key", apiKey), (String) null);
    assertThat(me.status()).isEqualTo(200);
    String keyId = (String) me.data().get("key_id");

    try (var c = PostgresTestDatabase.connect();
        var s = c.createStatement();
        var rows = s.executeQuery("SELECT * FROM api_key")) {
      String secret = apiKey.substring(37);
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          assertThat(String.valueOf(rows.getObject(i))).doesNotContain(secret);
        }
      }
    }

    var revoke =
        app.http.send(
            "DELETE", "/admin/v1/api-keys/" + keyId, SignetApp.AS_ADMIN_JSON, (String) null);
    assertThat(revoke.status()).isEqualTo(200);
    var after = app.http.send("GET", "/api/v1/me", Map.of("X-API-Key", apiKey), (String) null);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.errorCode()).isEqualTo("ERR_AUTH_001");
  }

  @Test
  void auditsAdminActionsDurably() {
    String tenant = app.tenantWithKey("audited", "verify")[0];
    var audit =
        app.http.send(
            "GET", "/admin/v1/audit?tenant_id=" + tenant, SignetApp.AS_ADMIN_JSON, (String) null);
    assertThat(audit.status()).isEqualTo(200);
    assertThat(audit.body()).contains("tenant.created").contains("api_key.issued");
  }
}
