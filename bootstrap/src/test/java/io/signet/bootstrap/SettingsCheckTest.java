package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.signet.application.StartupFailure;
import io.signet.domain.Causes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A setting whose value does not read as its type stops the start with one line naming its
 * environment variable, before anything connects (no database or HSM is configured here; where a
 * database is, it is a bare socket that records whether anyone connected), instead of running with
 * the default or failing with a framework message.
 */
class SettingsCheckTest {

  /** The bounds the pool and the driver get, each with the one line that refuses it. */
  private static final Map<String, String> DATABASE_BOUNDS =
      Map.of(
          "signet.database.connection-timeout",
          "signet.database.connection-timeout (SIGNET_DATABASE_CONNECTION_TIMEOUT) must be a whole"
              + " number of milliseconds from 250 to 2147483647",
          "signet.database.connect-timeout-seconds",
          "signet.database.connect-timeout-seconds (SIGNET_DATABASE_CONNECT_TIMEOUT_SECONDS) must"
              + " be a whole number of seconds from 1 to 2147483",
          "signet.database.socket-timeout-seconds",
          "signet.database.socket-timeout-seconds (SIGNET_DATABASE_SOCKET_TIMEOUT_SECONDS) must be"
              + " a whole number of seconds from 1 to 2147483",
          "signet.database.statement-timeout-ms",
          "signet.database.statement-timeout-ms (SIGNET_DATABASE_STATEMENT_TIMEOUT_MS) must be a"
              + " whole number of milliseconds from 1 to 2147483647",
          "signet.database.idle-in-transaction-timeout-ms",
          "signet.database.idle-in-transaction-timeout-ms"
              + " (SIGNET_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS) must be a whole number of"
              + " milliseconds from 1 to 2147483647");

  /** The one line the start would print, or empty when the settings passed. */
  private static Optional<String> startWith(String property, String value) {
    return startWith(Map.of(property, value));
  }

  private static Optional<String> startWith(Map<String, Object> properties) {
    try (ApplicationContext context = ApplicationContext.builder().properties(properties).build()) {
      context.start();
      return Optional.empty();
    } catch (RuntimeException e) {
      return Causes.chain(e).stream()
          .filter(StartupFailure.class::isInstance)
          .map(Throwable::getMessage)
          .findFirst();
    }
  }

  @Test
  void aDurationThatIsNoDurationIsRefusedInsteadOfDefaulted() {
    assertThat(startWith("signet.health.check-interval", "soon"))
        .contains(
            "signet.health.check-interval (SIGNET_HEALTH_CHECK_INTERVAL) cannot be read: expected"
                + " a duration, a number and a unit such as 500ms, 10s, 5m, 1h or 30d");
  }

  @Test
  void aSwitchThatIsNeitherTrueNorFalseIsRefusedInsteadOfDefaulted() {
    assertThat(startWith("signet.cache.enabled", "maybe"))
        .contains(
            "signet.cache.enabled (SIGNET_CACHE_ENABLED) cannot be read: expected true or false");
    // read by @Requires(notEquals = "false") only: any typo was "on"
    assertThat(startWith("signet.lifecycle.enabled", "flase"))
        .hasValueSatisfying(
            line ->
                assertThat(line).startsWith("signet.lifecycle.enabled (SIGNET_LIFECYCLE_ENABLED)"));
  }

  @Test
  void aValueSettingThatIsNoNumberIsOneLineNotAnInjectionError() {
    assertThat(startWith("signet.signing-log.max-batch", "abc"))
        .contains(
            "signet.signing-log.max-batch (SIGNET_SIGNING_LOG_MAX_BATCH) cannot be read: expected a"
                + " whole number");
  }

  @Test
  void aQuotaThatIsNoNumberIsRefused() {
    assertThat(startWith("signet.quota.rotations-per-day", "x"))
        .contains(
            "signet.quota.rotations-per-day (SIGNET_QUOTA_ROTATIONS_PER_DAY) cannot be read:"
                + " expected a whole number");
  }

  @Test
  void aScheduledIntervalThatIsNoDurationIsRefused() {
    assertThat(startWith("signet.metrics.readiness-interval", "often"))
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith(
                        "signet.metrics.readiness-interval (SIGNET_METRICS_READINESS_INTERVAL)"));
  }

  @Test
  void theValueIsNeverRepeated() {
    String secretLooking = "s3cr3t-pin-0123456789";
    assertThat(startWith("signet.key-cache.max-entries", secretLooking))
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .contains("SIGNET_KEY_CACHE_MAX_ENTRIES")
                    .doesNotContain(secretLooking));
  }

  @Test
  void aFrameworkSettingIsCheckedAndNamedByTheSettingThatFeedsIt() {
    assertThat(startWith("micronaut.server.port", "abc"))
        .contains(
            "micronaut.server.port (MICRONAUT_SERVER_PORT) cannot be read: expected a whole number");
    assertThat(startWith("micronaut.server.max-request-size", "big"))
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith(
                        "micronaut.server.max-request-size (MICRONAUT_SERVER_MAX_REQUEST_SIZE)"));
    assertThat(startWith("micronaut.server.max-request-size", "3MB")).isEmpty();
    // application.yml: grace-period: ${signet.shutdown.grace-period:10s}; it failed at the stop
    assertThat(startWith("signet.shutdown.grace-period", "soon"))
        .hasValueSatisfying(
            line ->
                assertThat(line)
                    .startsWith(
                        "signet.shutdown.grace-period (SIGNET_SHUTDOWN_GRACE_PERIOD) cannot be read"));
  }

  @Test
  void aDatabaseBoundThatIsNoNumberIsOneLineNotTheDriversLoginError() {
    String secretLooking = "s3cr3t-0123456789";
    DATABASE_BOUNDS
        .keySet()
        .forEach(
            property ->
                assertThat(startWith(property, secretLooking))
                    .as(property)
                    .contains(
                        property
                            + " ("
                            + SettingsCheck.variable(property)
                            + ") cannot be read: expected a whole number"));
  }

  @Test
  void aDatabaseBoundOfZeroOrLessIsOneLineBeforeAnyConnection() throws IOException {
    try (ServerSocket database = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      database.setSoTimeout(200);
      DATABASE_BOUNDS.forEach(
          (property, refusal) -> {
            // 0 is "no timeout" to the driver and PostgreSQL, "wait for ever" to the pool
            for (String bad : new String[] {"0", "-7"}) {
              assertThat(startWith(withDatabaseAt(database, Map.of(property, bad))))
                  .as(property + "=" + bad)
                  .contains(refusal);
            }
          });
      assertThatThrownBy(database::accept)
          .as("no connection was attempted")
          .isInstanceOf(SocketTimeoutException.class);
    }
  }

  @Test
  void theDefaultDatabaseBoundsPassAndThePoolConnects() throws Exception {
    try (ServerSocket database = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> hungUp =
          CompletableFuture.runAsync(
              () -> {
                try {
                  database.accept().close();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      // the start goes on past the settings to the database, which hangs up
      assertThat(startWith(withDatabaseAt(database, Map.of())).orElse(""))
          .doesNotContain("database.");
      hungUp.get(10, TimeUnit.SECONDS);
    }
  }

  /** {@code properties} with the default datasource pointed at {@code database}. */
  private static Map<String, Object> withDatabaseAt(
      ServerSocket database, Map<String, Object> properties) {
    Map<String, Object> all = new HashMap<>(properties);
    all.put(
        "datasources.default.url",
        "jdbc:postgresql://127.0.0.1:" + database.getLocalPort() + "/signet");
    return all;
  }

  @Test
  void readableSettingsPassTheCheck() {
    // the start goes on past the check and fails later, for want of a database
    assertThat(startWith("signet.health.check-interval", "2s")).isEmpty();
  }
}
