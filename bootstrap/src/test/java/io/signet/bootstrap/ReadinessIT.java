package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.persistence.PostgresTestDatabase;
import io.signet.adapter.pkcs11.SoftHsmTestToken;
import io.signet.adapter.rest.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Constants;

/**
 * Readiness follows the database and the HSM: DOWN (503) while either is unusable, UP again on its
 * own.
 */
class ReadinessIT {

  @Test
  void goesDownWithTheDatabaseAndRecoversByItself() throws Exception {
    var db = PostgresTestDatabase.container();
    try (TcpProxy proxy = new TcpProxy(db.getHost(), db.getFirstMappedPort())) {
      String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.getDatabaseName();
      try (SignetApp app = SignetApp.start(Map.of("datasources.default.url", url))) {
        assertThat(awaitReadiness(app.http, 200)).isEqualTo(200);
        // a path under /health that names no probe is no route, not a bad request
        var unknown = app.http.send("GET", "/health/foo", Map.of(), (String) null);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.errorCode()).isEqualTo("ERR_NOT_FOUND_001");

        proxy.cut();
        assertThat(awaitReadiness(app.http, 503)).isEqualTo(503);
        var down =
            app.http.send("GET", "/health/readiness", SignetApp.AS_ADMIN_JSON, (String) null);
        assertThat(down.body()).contains("\"database\"").contains("DOWN");
        var refused =
            app.http.send(
                "POST", "/admin/v1/tenants", SignetApp.AS_ADMIN_JSON, "{\"name\":\"while-down\"}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("ERR_SERVICE_001");

        proxy.restore();
        assertThat(awaitReadiness(app.http, 200)).isEqualTo(200);
        var created =
            app.http.send(
                "POST", "/admin/v1/tenants", SignetApp.AS_ADMIN_JSON, "{\"name\":\"after\"}");
        assertThat(created.status()).isEqualTo(201);
      }
    }
  }

  @Test
  void goesDownWhenTheHsmLoginIsLostAndRecoversByItselfWhenItCanLogInAgain(@TempDir Path dir)
      throws Exception {
    SoftHsmTestToken token = SoftHsmTestToken.get();
    Path pinFile = dir.resolve("pin");
    Files.writeString(pinFile, token.pin());
    try (SignetApp app =
        SignetApp.start(
            Map.of("signet.pkcs11.pin", "", "signet.pkcs11.pin-file", pinFile.toString()))) {
      assertThat(awaitReadiness(app.http, 200)).isEqualTo(200);

      Files.writeString(pinFile, "not-the-pin");
      PKCS11 p11 = PKCS11.getInstance(SoftHsmTestToken.LIBRARY, "C_GetFunctionList", null, false);
      long session = -1;
      for (long slot : p11.C_GetSlotList(true)) {
        if (new String(p11.C_GetTokenInfo(slot).label).strip().equals(token.label())) {
          session = p11.C_OpenSession(slot, PKCS11Constants.CKF_SERIAL_SESSION, null, null);
        }
      }
      p11.C_Logout(session);
      p11.C_CloseSession(session);
      assertThat(awaitReadiness(app.http, 503)).isEqualTo(503);
      assertThat(
              app.http
                  .send("GET", "/health/readiness", SignetApp.AS_ADMIN_JSON, (String) null)
                  .body())
          .contains("\"hsm\"")
          .contains("DOWN");

      Files.writeString(pinFile, token.pin());
      assertThat(awaitReadiness(app.http, 200)).isEqualTo(200);
      String apiKey = app.tenantWithKey("after-hsm", "keys:manage")[1];
      app.generateKey(apiKey, "Composite-ML-DSA");
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
