package io.signet.adapter.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.bind.annotation.Bindable;
import io.signet.application.StartupFailure;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Bounds on waiting for PostgreSQL, so that an unreachable database, a half-open connection, a
 * stuck statement or an abandoned transaction cannot hold a request or the signing-log writer for
 * ever. {@link Binding} hands them to the pool and the driver as the pool is configured, so a value
 * out of range stops the start before any connection is tried.
 *
 * <p>Every bound is positive: to the driver and to PostgreSQL 0 means no bound at all, and HikariCP
 * takes 0 as "wait for ever" and refuses less than 250 ms. The upper limits are the largest values
 * the driver and the server can hold: pgjdbc turns seconds into milliseconds in an {@code int}
 * (more than 2147483 s wraps around), and PostgreSQL's timeouts are {@code int} milliseconds (it
 * refuses more than 2147483647 at login, which the operator would read as a failed login). The type
 * of each value is checked by the one check of every setting, before this record is built.
 *
 * @param connectionTimeout ms a request waits for a pooled connection before 503 ERR_SERVICE_001
 * @param connectTimeoutSeconds bound on opening a connection: TCP connect and login, each
 * @param socketTimeoutSeconds a connection that gets no answer this long is dropped
 * @param statementTimeoutMs PostgreSQL {@code statement_timeout} of every connection
 * @param idleInTransactionTimeoutMs PostgreSQL {@code idle_in_transaction_session_timeout}
 */
@ConfigurationProperties("signet.database")
public record DatabaseSettings(
    @Bindable(defaultValue = "2000") long connectionTimeout,
    @Bindable(defaultValue = "5") long connectTimeoutSeconds,
    @Bindable(defaultValue = "30") long socketTimeoutSeconds,
    @Bindable(defaultValue = "15000") long statementTimeoutMs,
    @Bindable(defaultValue = "60000") long idleInTransactionTimeoutMs) {
  private static final long MOST_SECONDS = Integer.MAX_VALUE / 1000;
  private static final long MOST_MILLISECONDS = Integer.MAX_VALUE;

  public DatabaseSettings {
    require(
        connectionTimeout,
        250,
        MOST_MILLISECONDS,
        "milliseconds",
        "signet.database.connection-timeout (SIGNET_DATABASE_CONNECTION_TIMEOUT)");
    require(
        connectTimeoutSeconds,
        1,
        MOST_SECONDS,
        "seconds",
        "signet.database.connect-timeout-seconds (SIGNET_DATABASE_CONNECT_TIMEOUT_SECONDS)");
    require(
        socketTimeoutSeconds,
        1,
        MOST_SECONDS,
        "seconds",
        "signet.database.socket-timeout-seconds (SIGNET_DATABASE_SOCKET_TIMEOUT_SECONDS)");
    require(
        statementTimeoutMs,
        1,
        MOST_MILLISECONDS,
        "milliseconds",
        "signet.database.statement-timeout-ms (SIGNET_DATABASE_STATEMENT_TIMEOUT_MS)");
    require(
        idleInTransactionTimeoutMs,
        1,
        MOST_MILLISECONDS,
        "milliseconds",
        "signet.database.idle-in-transaction-timeout-ms"
            + " (SIGNET_DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS)");
  }

  /**
   * The driver's properties that bound opening a connection (pgjdbc: seconds), for the pool's
   * connections and for any connection Signet opens beside the pool.
   */
  Map<String, String> connectProperties() {
    String seconds = String.valueOf(connectTimeoutSeconds);
    return Map.of("connectTimeout", seconds, "loginTimeout", seconds);
  }

  /** Refuses a value out of range without repeating it, as every setting is refused. */
  private static void require(long value, long least, long most, String unit, String setting) {
    if (value < least || value > most) {
      throw new StartupFailure(
          setting + " must be a whole number of " + unit + " from " + least + " to " + most);
    }
  }

  /** Gives the settings to each datasource as it is configured, before its pool is built. */
  @Singleton
  static final class Binding implements BeanCreatedEventListener<DatasourceConfiguration> {
    private final DatabaseSettings settings;

    Binding(DatabaseSettings settings) {
      this.settings = settings;
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
      DatasourceConfiguration pool = event.getBean();
      pool.setConnectionTimeout(settings.connectionTimeout());
      // pgjdbc: seconds; PostgreSQL: milliseconds
      settings.connectProperties().forEach(pool::addDataSourceProperty);
      pool.addDataSourceProperty("socketTimeout", String.valueOf(settings.socketTimeoutSeconds()));
      pool.addDataSourceProperty(
          "options",
          "-c statement_timeout="
              + settings.statementTimeoutMs()
              + " -c idle_in_transaction_session_timeout="
              + settings.idleInTransactionTimeoutMs());
      return pool;
    }
  }
}
