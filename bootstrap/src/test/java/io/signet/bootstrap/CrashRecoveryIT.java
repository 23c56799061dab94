package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.GenerateKey;
import io.signet.application.ReconcileKeyCustody;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Transactions;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A crash between key generation in the HSM and the database commit, then a restart: the start-up
 * reconciliation releases the claim and marks the orphaned HSM key, the next pass destroys it and
 * reports it, and the key can be generated again under the same version number.
 */
class CrashRecoveryIT {

  /** Stands for the process dying: an Error, which no cleanup path catches. */
  static final class SimulatedCrash extends Error {
    SimulatedCrash() {
      super("simulated crash before commit");
    }
  }

  @Test
  void restartReconcilesAnInterruptedGeneration() throws Exception {
    KeyName interrupted;
    String apiKey;
    try (SignetApp app = SignetApp.start()) {
      String[] tenantAndKey = app.tenantWithKey("crash", "keys:manage", "keys:read");
      apiKey = tenantAndKey[1];
      TenantId tenant = new TenantId(UUID.fromString(tenantAndKey[0]));
      interrupted = new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1);
      Transactions crashing =
          new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
              throw new SimulatedCrash();
            }
          };
      GenerateKey generate = app.useCasesWith(crashing, app.bean(Clock.class)).generateKey();
      assertThatThrownBy(
              () ->
                  generate.generate(
                      tenant,
                      Algorithm.COMPOSITE_ML_DSA,
                      new Invocation(Actor.OPERATOR, RequestId.next(Clock.systemUTC()))))
          .isInstanceOf(SimulatedCrash.class);

      assertThat(app.bean(KeyCustody.class).heldKeys())
          .as("the HSM key outlived the crash")
          .contains(interrupted);
      assertThat(app.bean(KeyVersions.class).ownership(interrupted))
          .isEqualTo(KeyVersions.Ownership.CLAIMED);
      assertThat(app.bean(KeyVersions.class).find(interrupted)).isEmpty();
      var blocked =
          app.http.send(
              "POST",
              "/api/v1/kms/keys/generate",
              Map.of("X-API-Key", apiKey, "Content-Type", "application/json"),
              "{\"algorithm\":\"Composite-ML-DSA\"}");
      assertThat(blocked.status()).as("the claim still holds version 1").isEqualTo(409);
    }

    try (SignetApp restarted =
        SignetApp.start(
            Map.of("signet.lifecycle.enabled", true, "signet.lifecycle.claim-grace", "0s"))) {
      assertThat(restarted.bean(KeyVersions.class).ownership(interrupted))
          .as("the start-up pass released the stale claim")
          .isEqualTo(KeyVersions.Ownership.UNOWNED);
      assertThat(restarted.bean(KeyCustody.class).heldKeys())
          .as("and only marked the orphan: two passes before destruction")
          .contains(interrupted);
      assertThat(restarted.bean(ReconcileKeyCustody.class).reconcile().destroyed())
          .containsExactly(interrupted);
      assertThat(restarted.bean(KeyCustody.class).heldKeys()).doesNotContain(interrupted);
      // JSON log lines escape '/' as '\/'
      String log =
          Files.readString(Path.of("target", "test-run.log"), StandardCharsets.UTF_8)
              .replace("\\/", "/");
      assertThat(log)
          .contains("key custody reconciliation: destroyed")
          .contains(interrupted.toString());
      var audit =
          restarted.http.send(
              "GET",
              "/admin/v1/audit?tenant_id=" + interrupted.tenant(),
              SignetApp.AS_ADMIN_JSON,
              (String) null);
      assertThat(audit.body()).contains("key.orphan_destroyed").contains("signet-scheduler");
      assertThat(restarted.bean(ReconcileKeyCustody.class).reconcile().isEmpty()).isTrue();

      var generated =
          restarted.http.send(
              "POST",
              "/api/v1/kms/keys/generate",
              Map.of("X-API-Key", apiKey, "Content-Type", "application/json"),
              "{\"algorithm\":\"Composite-ML-DSA\"}");
      assertThat(generated.status()).isEqualTo(201);
      assertThat(generated.data()).containsEntry("key_version", 1);
    }
  }
}
