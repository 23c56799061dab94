package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.persistence.PostgresTestDatabase;
import io.signet.adapter.rest.RawHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness follows the database: DOWN (503) while it is unreachable, UP again on its own. */
class ReadinessIT {

  @Test
  void goesDownWithTheDatabaseAndRecoversByItself() throws Exception {
    var db = PostgresTestDatabase.container();
    try (TcpProxy proxy = new TcpProxy(db.getHost(), db.getFirstMappedPort())) {
      String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.getDatabaseName();
      try (SignetApp app = SignetApp.start(Map.of("datasources.default.url", url))) {
        assertThat(awaitReadiness(app.http, 200)).isEqualTo(200);

        proxy.cut();
        assertThat(awaitReadiness(app.http, 503)).isEqualTo(503);
        var down = app.http.send("GET", "/health/readiness", Map.of(), (String) null);
        assertThat(down.body()).contains("\"database\"").contains("DOWN");
        var refused =
            app.http.send("POST", "/admin/v1/tenants", SignetApp.AS_ADMIN_JSON, "{\"name\":\"while-down\"}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("ERR_SERVICE_001");

        proxy.restore();
        assertThat(awaitReadiness(app.http, 200)).isEqualTo(200);
        var created = app.http.send("POST", "/admin/v1/tenants", SignetApp.AS_ADMIN_JSON, "{\"name\":\"after\"}");
        assertThat(created.status()).isEqualTo(201);
      }
    }
  }

  private static int awaitReadiness(RawHttp http, int wanted) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    int status;
    do {
      status = http.send("GET", "/health/readiness", Map.of(), (String) null).status();
      if (status == wanted) return status;
      Thread.sleep(250);
    } while (Instant.now().isBefore(deadline));
    return status;
  }
}
