package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * kill -9 of PostgreSQL under concurrent signing load, five times, against an external database (a
 * container whose server process is killed and started again) and against the embedded one (its
 * supervisor restarts it): every signature answered 200 has its signature_event row afterwards, no
 * answer is a 500, and signing resumes within 2 s of the database being back (the median of the
 * five within 1 s; none near the 5 s of the pool's own back-off). Each test runs in a JVM of its
 * own (executions in bootstrap/pom.xml), so each fresh database meets a fresh token.
 */
class FaultInjectionIT {
  private static final Logger LOG = LoggerFactory.getLogger(FaultInjectionIT.class);
  private static final int KILLS = 5;
  private static final int CLIENTS = 6;
  private static final long RESUME_LIMIT_MILLIS = 2_000;

  @Test
  void killingTheExternalDatabaseUnderLoadLosesNoAcknowledgedSignature() throws Exception {
    try (PostgreSQLContainer db = new PostgreSQLContainer("postgres:15")) {
      db.start();
      Map<String, Object> properties = new HashMap<>();
      properties.put("datasources.default.url", db.getJdbcUrl());
      properties.put("datasources.default.username", db.getUsername());
      properties.put("datasources.default.password", db.getPassword());
      Supplier<Connection> direct =
          () -> connect(db.getJdbcUrl(), db.getUsername(), db.getPassword());
      var docker = db.getDockerClient();
      String id = db.getContainerId();
      runKills(
          properties,
          direct,
          () -> {
            // SIGKILL to the container's PID 1, the postmaster itself; then the same container
            // (same data, same port) is started again and recovers from its WAL.
            docker.killContainerCmd(id).withSignal("KILL").exec();
            docker.startContainerCmd(id).exec();
          });
    }
  }

  @Test
  void killingTheEmbeddedDatabaseUnderLoadLosesNoAcknowledgedSignature(@TempDir Path dir)
      throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("postgres"), 0)) {
      Map<String, Object> properties = new HashMap<>(db.properties());
      String url = (String) properties.get("datasources.default.url");
      String user = (String) properties.get("datasources.default.username");
      String password = (String) properties.get("datasources.default.password");
      runKills(
          properties,
          () -> connect(url, user, password),
          () -> {
            int before = db.restarts();
            ProcessHandle server = db.process();
            server.destroyForcibly(); // SIGKILL
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (db.restarts() == before && System.nanoTime() < deadline) SigningLoad.sleep(10);
            assertThat(db.restarts())
                .as("the supervisor restarted PostgreSQL")
                .isGreaterThan(before);
            assertThat(db.process().pid()).isNotEqualTo(server.pid());
          });
    }
  }

  /**
   * Starts Signet on the database, puts it under signing load, kills the database {@link #KILLS}
   * times (each kill returns once the database process is running again), and checks the outcome.
   */
  private static void runKills(
      Map<String, Object> database, Supplier<Connection> direct, ThrowingRunnable killAndRestart)
      throws Exception {
    Map<String, Object> properties = new HashMap<>(database);
    properties.put(
        "datasources.default.driver-class-name",
        "io.signet.adapter.persistence.ReconnectingDriver");
    List<Long> resumeMillis = new ArrayList<>();
    try (SignetApp app = SignetApp.start(properties)) {
      String apiKey = app.tenantWithKey("faults", "sign", "keys:manage")[1];
      var generated =
          app.http.send(
              "POST",
              "/api/v1/kms/keys/generate",
              Map.of("X-API-Key", apiKey, "Content-Type", "application/json"),
              "{\"algorithm\":\"Dilithium3\"}");
      assertThat(generated.status()).isEqualTo(201);
      SigningLoad load = new SigningLoad(app.server.getURI(), apiKey, CLIENTS);
      try {
        for (int kill = 0; kill < KILLS; kill++) {
          load.millisToFirstSuccessAfter(System.nanoTime(), 30_000);
          SigningLoad.sleep(700);
          killAndRestart.run();
          long back = awaitAccepting(direct);
          resumeMillis.add(load.millisToFirstSuccessAfter(back, 30_000));
        }
        SigningLoad.sleep(300);
      } finally {
        load.close();
      }
      LOG.info(
          "{} kills: {} signatures acknowledged, statuses {}, resumed after {} ms",
          KILLS,
          load.acknowledgedCount(),
          load.statuses(),
          resumeMillis);
      assertThat(load.acknowledgedCount()).isGreaterThan(KILLS * 10);
      assertThat(load.statuses().keySet()).as("only 200 or 503, never a 500").isSubsetOf(200, 503);
      try (Connection c = direct.get()) {
        assertThat(load.missingFrom(c)).as("acknowledged signatures without their row").isZero();
      }
      // On these shared 2-core machines one restart in five can be starved for a moment: the
      // median must be well within the 2 s target, and none may reach the pool's own 5 s back-off.
      List<Long> sorted = resumeMillis.stream().sorted().toList();
      assertThat(sorted.get(sorted.size() / 2))
          .as("median ms from the database accepting connections to the next signature")
          .isLessThanOrEqualTo(RESUME_LIMIT_MILLIS / 2);
      assertThat(resumeMillis)
          .as("ms from the database accepting connections to the next signature")
          .allMatch(ms -> ms < 5_000);
    }
  }

  /** Polls until the database accepts a login; returns System.nanoTime() of that moment. */
  private static long awaitAccepting(Supplier<Connection> direct) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Connection c = direct.get()) {
        return System.nanoTime();
      } catch (RuntimeException | SQLException notYet) {
        SigningLoad.sleep(20);
      }
    }
    throw new AssertionError("the database did not come back in 60 s");
  }

  private static Connection connect(String url, String user, String password) {
    Properties login = new Properties();
    login.setProperty("user", user);
    login.setProperty("password", password);
    login.setProperty("connectTimeout", "2");
    try {
      return DriverManager.getConnection(url, login);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
