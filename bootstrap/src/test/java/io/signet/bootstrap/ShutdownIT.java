package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.persistence.PostgresTestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM of the service (the jar, as a process) under signing load: readiness turns DOWN first,
 * in-flight requests finish, the signing log flushes, the process exits in bounded time; no answer
 * is a 500 and every signature answered 200 has its row.
 */
class ShutdownIT {
  private static final Logger LOG = LoggerFactory.getLogger(ShutdownIT.class);

  @Test
  void sigtermUnderLoadAnswersNo500AndLosesNoAcknowledgedSignature() throws Exception {
    var db = PostgresTestDatabase.container();
    Map<String, String> env =
        Map.of(
            "DATASOURCES_DEFAULT_URL", db.getJdbcUrl(),
            "DATASOURCES_DEFAULT_USERNAME", db.getUsername(),
            "DATASOURCES_DEFAULT_PASSWORD", db.getPassword());
    try (ServiceProcess service = ServiceProcess.start(Path.of("target", "shutdown-it.log"), env)) {
      String apiKey = service.signingTenant();
      SigningLoad load = new SigningLoad(service.base, apiKey, 6);
      boolean sawReadinessDown;
      int exit;
      long stopMillis;
      try {
        load.millisToFirstSuccessAfter(System.nanoTime(), 30_000);
        SigningLoad.sleep(1_500);
        long sigterm = System.nanoTime();
        service.process.destroy(); // SIGTERM
        sawReadinessDown = false;
        while (service.process.isAlive() && !sawReadinessDown) {
          sawReadinessDown = service.readiness() == 503;
        }
        assertThat(service.process.waitFor(30, TimeUnit.SECONDS))
            .as("exits within 30 s of SIGTERM")
            .isTrue();
        exit = service.process.exitValue();
        stopMillis = (System.nanoTime() - sigterm) / 1_000_000;
      } finally {
        load.close();
      }
      LOG.info(
          "SIGTERM under load: exit {} after {} ms; {} acknowledged, statuses {}, {} unanswered",
          exit,
          stopMillis,
          load.acknowledgedCount(),
          load.statuses(),
          load.unanswered());
      assertThat(sawReadinessDown).as("readiness went DOWN before the process exited").isTrue();
      assertThat(exit).isIn(0, 143);
      assertThat(load.statuses().keySet()).as("only 200 or 503, never a 500").isSubsetOf(200, 503);
      assertThat(load.acknowledgedCount()).isPositive();
      try (Connection c =
          DriverManager.getConnection(db.getJdbcUrl(), db.getUsername(), db.getPassword())) {
        assertThat(load.missingFrom(c)).as("acknowledged signatures without their row").isZero();
      }
    }
  }
}
