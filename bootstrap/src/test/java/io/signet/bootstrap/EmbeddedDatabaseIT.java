package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.adapter.pkcs11.SoftHsmTestToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database as the jar runs it with {@code SIGNET_EMBEDDED_DATABASE=true}: durable
 * settings in force, closed to every login without the generated password, no Signet secret in the
 * server's environment, restarted by itself after a kill -9, stopped with the service. The service
 * is stopped with SIGTERM under signing load: readiness turns DOWN first, the process exits in
 * bounded time, no answer is a 500, and every signature answered 200 has its row.
 */
class EmbeddedDatabaseIT {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabaseIT.class);
  @TempDir Path dir;

  @Test
  void isDurableClosedSupervisedAndHoldsNoSecretAndTheServiceStopsCleanlyUnderLoad()
      throws Exception {
    int pgPort = Processes.freePort();
    Path pgDir = dir.resolve("postgres");
    Map<String, String> env =
        Map.of(
            "SIGNET_EMBEDDED_DATABASE", "true",
            "SIGNET_EMBEDDED_POSTGRES_DIR", pgDir.toString(),
            "SIGNET_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort));
    String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
    ProcessHandle server;
    SigningLoad load;
    // a new database binds a new deployment: it needs a token no other deployment claimed
    SoftHsmTestToken token = SoftHsmTestToken.fresh();
    try (ServiceProcess service =
        ServiceProcess.start(Path.of("target", "embedded-database-it.log"), env, token)) {
      server = postmasterOf(service.process, -1);

      String environment =
          new String(
              Files.readAllBytes(Path.of("/proc", server.pid() + "", "environ")),
              StandardCharsets.UTF_8);
      assertThat(environment)
          .doesNotContain(token.pin())
          .doesNotContain(SignetApp.ADMIN_TOKEN)
          .doesNotContain("SIGNET_");

      Path secret = pgDir.resolve("password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
          .isEqualTo("rw-------");
      String password = Files.readString(secret).strip();
      assertThatThrownBy(() -> login(url, "postgres", null))
          .as("no password: refused (psql -h 127.0.0.1 -U postgres -w)")
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(() -> login(url, "postgres", "postgres"))
          .as("a guessed password: refused")
          .isInstanceOf(SQLException.class);
      try (Connection c = login(url, "postgres", password)) {
        assertThat(show(c, "synchronous_commit")).isEqualTo("on");
        assertThat(show(c, "fsync")).isEqualTo("on");
        assertThat(show(c, "full_page_writes")).isEqualTo("on");
        assertThat(show(c, "listen_addresses")).isEqualTo("127.0.0.1");
        assertThat(show(c, "unix_socket_directories")).as("no unix socket").isEmpty();
      }

      String apiKey = service.signingTenant();
      server.destroyForcibly(); // kill -9 of the postmaster
      ProcessHandle restarted = postmasterOf(service.process, server.pid());
      var signing = Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
      String body = "{\"message\":\"aGVsbG8=\",\"key_version\":1}";
      int status = 0;
      long until = System.nanoTime() + 60_000_000_000L;
      while (status != 200 && System.nanoTime() < until) {
        status = service.http.send("POST", "/api/v1/signature/sign", signing, body).status();
        assertThat(status).as("while PostgreSQL recovers: 503, never a 500").isIn(200, 503);
      }
      assertThat(status).as("signing is back by itself").isEqualTo(200);
      service.awaitReadiness(200, Duration.ofSeconds(60));
      server = restarted;

      load = sigtermUnderLoad(service, apiKey);
    }
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (server.isAlive() && System.nanoTime() < deadline) SigningLoad.sleep(50);
    assertThat(server.isAlive()).as("PostgreSQL stops with the service").isFalse();
    try (EmbeddedDatabase again = EmbeddedDatabase.start(pgDir, pgPort);
        Connection c =
            login(url, "postgres", Files.readString(pgDir.resolve("password")).strip())) {
      assertThat(load.missingFrom(c)).as("acknowledged signatures without their row").isZero();
    }
  }

  /**
   * SIGTERM of the service under signing load: readiness turns DOWN before the process exits, the
   * process exits within 30 s, and no answer is a 500. Returns the load, to count its signatures.
   */
  private static SigningLoad sigtermUnderLoad(ServiceProcess service, String apiKey)
      throws Exception {
    SigningLoad load = new SigningLoad(service.base, apiKey, 6);
    boolean sawReadinessDown = false;
    long stopMillis;
    try {
      load.millisToFirstSuccessAfter(System.nanoTime(), 30_000);
      SigningLoad.sleep(1_500);
      long sigterm = System.nanoTime();
      service.process.destroy(); // SIGTERM
      while (service.process.isAlive() && !sawReadinessDown) {
        sawReadinessDown = service.readiness() == 503;
      }
      assertThat(service.process.waitFor(30, TimeUnit.SECONDS))
          .as("exits within 30 s of SIGTERM")
          .isTrue();
      stopMillis = (System.nanoTime() - sigterm) / 1_000_000;
    } finally {
      load.close();
    }
    LOG.info(
        "SIGTERM under load: exit {} after {} ms; {} acknowledged, statuses {}, {} unanswered",
        service.process.exitValue(),
        stopMillis,
        load.acknowledgedCount(),
        load.statuses(),
        load.unanswered());
    assertThat(sawReadinessDown).as("readiness went DOWN before the process exited").isTrue();
    assertThat(service.process.exitValue()).isIn(0, 143);
    assertThat(load.statuses().keySet()).as("only 200 or 503, never a 500").isSubsetOf(200, 503);
    assertThat(load.acknowledgedCount()).isPositive();
    return load;
  }

  /** The postmaster: the child of the service running bin/postgres, other than {@code notPid}. */
  private static ProcessHandle postmasterOf(Process service, long notPid) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      var found =
          service
              .children()
              .filter(p -> p.pid() != notPid)
              .filter(p -> p.info().command().orElse("").endsWith("/bin/postgres"))
              .findFirst();
      if (found.isPresent()) return found.get();
      SigningLoad.sleep(50);
    }
    throw new AssertionError("no PostgreSQL child process");
  }

  private static Connection login(String url, String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null) p.setProperty("password", password);
    return DriverManager.getConnection(url, p);
  }

  private static String show(Connection c, String setting) throws SQLException {
    try (var s = c.createStatement();
        var rows = s.executeQuery("SHOW " + setting)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
