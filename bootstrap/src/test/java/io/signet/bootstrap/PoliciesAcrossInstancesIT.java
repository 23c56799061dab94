package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.ApplyKeyPolicies;
import io.signet.application.port.Transactions;
import io.signet.domain.key.KeyVersion;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two instances applying the same policies at the same moment make each transition once. */
class PoliciesAcrossInstancesIT {

  private static ApplyKeyPolicies policiesFortyDaysAhead(SignetApp app) {
    Clock future = Clock.offset(Clock.systemUTC(), Duration.ofDays(40));
    return app.useCasesWith(app.bean(Transactions.class), future).applyKeyPolicies();
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachTransitionHappensOnce() throws Exception {
    try (SignetApp a = SignetApp.start();
        SignetApp b = SignetApp.start()) {
      String[] tenantAndKey = a.tenantWithKey("policies", "keys:manage", "keys:read");
      Map<String, String> manager =
          Map.of("X-API-Key", tenantAndKey[1], "Content-Type", "application/json");
      a.http.send("POST", "/api/v1/kms/keys/generate", manager, "{}");
      a.http.send("POST", "/api/v1/kms/keys/rotate", manager, "{}");
      var policy =
          a.http.send(
              "PUT",
              "/admin/v1/tenants/" + tenantAndKey[0] + "/key-policy",
              SignetApp.AS_ADMIN_JSON,
              "{\"rotate_after_days\":30,\"archive_after_days\":7}");
      assertThat(policy.status()).isEqualTo(200);

      List<ApplyKeyPolicies> runs =
          List.of(a, b, a, b).stream()
              .map(PoliciesAcrossInstancesIT::policiesFortyDaysAhead)
              .toList();
      List<ApplyKeyPolicies.Report> reports = AtOnce.run(runs.size(), i -> runs.get(i).apply());

      String tenant = tenantAndKey[0];
      long rotated =
          reports.stream()
              .flatMap(r -> r.rotated().stream())
              .filter(v -> v.name().tenant().toString().equals(tenant))
              .count();
      long archived =
          reports.stream()
              .flatMap(r -> r.archived().stream())
              .filter(v -> v.name().tenant().toString().equals(tenant))
              .map(KeyVersion::name)
              .count();
      assertThat(rotated).isEqualTo(1);
      assertThat(archived).isEqualTo(1);

      var keys =
          (List<Map<String, Object>>)
              a.http.send("GET", "/api/v1/kms/keys", manager, (String) null).data().get("keys");
      assertThat(keys)
          .extracting(k -> k.get("key_version") + ":" + k.get("status"))
          .containsExactly("1:archived", "2:retired", "3:active");
      var audit =
          a.http.send(
              "GET", "/admin/v1/audit?tenant_id=" + tenant, SignetApp.AS_ADMIN_JSON, (String) null);
      assertThat(audit.body().split("key.rotated", -1)).hasSize(3);
      assertThat(audit.body().split("key.archived", -1)).hasSize(2);
    }
  }
}
