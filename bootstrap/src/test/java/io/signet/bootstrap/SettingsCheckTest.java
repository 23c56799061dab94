package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.signet.application.StartupFailure;
import io.signet.domain.Causes;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A setting whose value does not read as its type stops the start with one line naming its
 * environment variable, before anything connects (no database or HSM is configured here), instead
 * of running with the default or failing with a framework message.
 */
class SettingsCheckTest {

  /** The one line the start would print, or empty when the settings passed. */
  private static Optional<String> startWith(String property, String value) {
    try (ApplicationContext context =
        ApplicationContext.builder().properties(Map.of(property, value)).build()) {
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
    assertThat(startWith("signet.database.connection-timeout", "abc"))
        .contains(
            "signet.database.connection-timeout (SIGNET_DATABASE_CONNECTION_TIMEOUT) cannot be read: expected a whole number");
  }

  @Test
  void readableSettingsPassTheCheck() {
    // the start goes on past the check and fails later, for want of a database
    assertThat(startWith("signet.health.check-interval", "2s")).isEmpty();
  }
}
