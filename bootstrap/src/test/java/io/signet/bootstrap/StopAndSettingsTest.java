package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.signet.adapter.persistence.CacheSettings;
import io.signet.adapter.persistence.DatabaseSettings;
import io.signet.application.StartupFailure;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What a stop logs, and settings refused with one line at start. */
class StopAndSettingsTest {

  @Test
  void aStopSaysWhatItDoes() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(Stopping.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      new Stopping(Duration.ZERO).begin();
    } finally {
      logger.detachAppender(lines);
    }
    assertThat(lines.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(line -> assertThat(line).contains("readiness is DOWN"))
        .anySatisfy(line -> assertThat(line).contains("draining in-flight requests"));
  }

  @Test
  void anUnknownLogFormatIsRefusedInsteadOfLoggingNothing() {
    LogFormat.check((String) null);
    LogFormat.check("json");
    LogFormat.check("text");
    for (String format : new String[] {"xml", "JSON", ""}) {
      assertThatThrownBy(() -> LogFormat.check(format))
          .isInstanceOf(StartupFailure.class)
          .hasMessageContaining("SIGNET_LOG_FORMAT must be json or text");
    }
  }

  @Test
  void aHealthCheckIntervalOfZeroOrLessIsRefused() {
    assertThat(new HealthSettings(Duration.ofMillis(1)).checkInterval()).hasMillis(1);
    for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
      assertThatThrownBy(() -> new HealthSettings(bad))
          .isInstanceOf(StartupFailure.class)
          .hasMessageContaining("SIGNET_HEALTH_CHECK_INTERVAL) must be positive");
    }
  }

  @Test
  void aRateLimitBudgetOfZeroOrLessIsRefused() {
    assertThat(new RateLimitSettings(0, 1, 1, 1).budgets()).hasSize(3);
    assertThatThrownBy(() -> new RateLimitSettings(0, -5, 2000, 20000))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("(SIGNET_RATE_LIMIT_FREE_PER_SECOND) must be positive: -5");
    assertThatThrownBy(() -> new RateLimitSettings(0, 100, 0, 20000))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("SIGNET_RATE_LIMIT_STANDARD_PER_SECOND");
    assertThatThrownBy(() -> new RateLimitSettings(-1, 100, 2000, 20000))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("SIGNET_RATE_LIMIT_INSTANCES");
  }

  @Test
  void anInstanceExpiryWithinTwoHeartbeatsIsRefused() {
    assertThat(new InstanceSettings(Duration.ofSeconds(5), Duration.ofSeconds(10)).expiry())
        .hasSeconds(10);
    assertThatThrownBy(() -> new InstanceSettings(Duration.ofSeconds(5), Duration.ofSeconds(2)))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("(SIGNET_INSTANCES_EXPIRY) must be at least two heartbeats");
    assertThatThrownBy(() -> new InstanceSettings(Duration.ZERO, Duration.ofSeconds(15)))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("SIGNET_INSTANCES_HEARTBEAT");
  }

  @Test
  void cacheSettingsThatWouldLoopOrCacheNothingAreRefused() {
    Duration pause = Duration.ofMillis(200);
    assertThat(new CacheSettings(true, Duration.ofSeconds(1), 1, Duration.ZERO).enabled()).isTrue();
    assertThat(new CacheSettings(false, Duration.ZERO, 1, pause).enabled()).isFalse();
    assertThatThrownBy(
            () -> new CacheSettings(true, Duration.ofSeconds(1), 1, Duration.ofSeconds(-1)))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("(SIGNET_CACHE_RECONNECT_DELAY) must not be negative");
    assertThatThrownBy(() -> new CacheSettings(true, Duration.ZERO, 1, pause))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("SIGNET_CACHE_TTL");
    assertThatThrownBy(() -> new CacheSettings(true, Duration.ofSeconds(1), 0, pause))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("SIGNET_CACHE_MAXIMUM_SIZE");
  }

  @Test
  void aDatabaseBoundOutsideWhatTheDriverAndPostgresqlHoldIsRefusedWithoutTheValue() {
    assertThat(new DatabaseSettings(250, 1, 1, 1, 1).connectionTimeout()).isEqualTo(250);
    assertThat(new DatabaseSettings(2147483647, 2147483, 2147483, 2147483647, 2147483647))
        .isNotNull();
    assertThatThrownBy(() -> new DatabaseSettings(249, 5, 30, 15000, 60000))
        .isInstanceOf(StartupFailure.class)
        .hasMessage(
            "signet.database.connection-timeout (SIGNET_DATABASE_CONNECTION_TIMEOUT) must be a"
                + " whole number of milliseconds from 250 to 2147483647");
    // seconds the driver would wrap around when it makes them milliseconds
    assertThatThrownBy(() -> new DatabaseSettings(2000, 2147484, 30, 15000, 60000))
        .isInstanceOf(StartupFailure.class)
        .hasMessage(
            "signet.database.connect-timeout-seconds (SIGNET_DATABASE_CONNECT_TIMEOUT_SECONDS)"
                + " must be a whole number of seconds from 1 to 2147483");
    assertThatThrownBy(() -> new DatabaseSettings(2000, 5, 99999999, 15000, 60000))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("(SIGNET_DATABASE_SOCKET_TIMEOUT_SECONDS) must be")
        .hasMessageNotContaining("99999999");
    // milliseconds PostgreSQL refuses at login
    assertThatThrownBy(() -> new DatabaseSettings(2000, 5, 30, 2147483648L, 60000))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("(SIGNET_DATABASE_STATEMENT_TIMEOUT_MS) must be")
        .hasMessageNotContaining("2147483648");
    assertThatThrownBy(() -> new DatabaseSettings(2000, 5, 30, 15000, -60000))
        .isInstanceOf(StartupFailure.class)
        .hasMessage(
            "signet.database.idle-in-transaction-timeout-ms"
                + " (SIGNET_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS) must be a whole number of"
                + " milliseconds from 1 to 2147483647");
  }

  @Test
  void aQuotaUnderOneIsRefusedWithItsVariable() {
    assertThat(new QuotaSettings(1, 1).quota()).isNotNull();
    assertThatThrownBy(() -> new QuotaSettings(0, 50))
        .isInstanceOf(StartupFailure.class)
        .hasMessage(
            "signet.quota.live-versions (SIGNET_QUOTA_LIVE_VERSIONS) must be at least 1: 0");
    assertThatThrownBy(() -> new QuotaSettings(100, -1))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("(SIGNET_QUOTA_ROTATIONS_PER_DAY) must be at least 1");
  }

  @Test
  void anEmbeddedDatabasePortThatIsNoPortIsOneLine() {
    assertThat(EmbeddedDatabase.port("5433")).isEqualTo(5433);
    for (String bad : new String[] {"abc", "-1", "70000"}) {
      assertThatThrownBy(() -> EmbeddedDatabase.port(bad))
          .isInstanceOf(StartupFailure.class)
          .hasMessage(
              "SIGNET_EMBEDDED_POSTGRES_PORT cannot be read: expected a TCP port, 0 (a free one) to 65535");
    }
  }
}
