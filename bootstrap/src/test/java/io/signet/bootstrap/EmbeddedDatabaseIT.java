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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database as the jar runs it with {@code SIGNET_EMBEDDED_DATABASE=true}: durable
 * settings in force, closed to every login without the generated password, no Signet secret in the
 * server's environment, restarted by itself after a kill -9, stopped with the service.
 */
class EmbeddedDatabaseIT {
  @TempDir Path dir;

  @Test
  void isDurableClosedSupervisedAndHoldsNoSecret() throws Exception {
    int pgPort = Processes.freePort();
    Path pgDir = dir.resolve("postgres");
    Map<String, String> env =
        Map.of(
            "SIGNET_EMBEDDED_DATABASE", "true",
            "SIGNET_EMBEDDED_POSTGRES_DIR", pgDir.toString(),
            "SIGNET_EMBEDDED_POSTGRES_PORT", Integer.toString(pgPort));
    String url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
    ProcessHandle server;
    try (ServiceProcess service =
        ServiceProcess.start(Path.of("target", "embedded-database-it.log"), env)) {
      server = postmasterOf(service.process);

      String environment =
          new String(
              Files.readAllBytes(Path.of("/proc", server.pid() + "", "environ")),
              StandardCharsets.UTF_8);
      assertThat(environment)
          .doesNotContain(SoftHsmTestToken.get().pin())
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
      service.awaitReadiness(200, Duration.ofSeconds(60));
      ProcessHandle restarted = postmasterOf(service.process);
      assertThat(restarted.pid()).as("a new server process").isNotEqualTo(server.pid());
      var signed =
          service.http.send(
              "POST",
              "/api/v1/signature/sign",
              Map.of("X-API-Key", apiKey, "Content-Type", "application/json"),
              "{\"message\":\"aGVsbG8=\",\"key_version\":1}");
      assertThat(signed.status()).isEqualTo(200);
      server = restarted;
    }
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (server.isAlive() && System.nanoTime() < deadline) SigningLoad.sleep(50);
    assertThat(server.isAlive()).as("PostgreSQL stops with the service").isFalse();
  }

  /** The postmaster: the child of the service process running bin/postgres (waits for it). */
  private static ProcessHandle postmasterOf(Process service) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      var found =
          service
              .children()
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
