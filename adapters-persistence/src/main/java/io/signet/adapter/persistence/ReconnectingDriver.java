package io.signet.adapter.persistence;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The PostgreSQL JDBC driver, made patient after the database goes away: once a connection has
 * succeeded, a new connection attempt that finds the server down or still starting up retries every
 * 50 ms for up to 10 s instead of failing at once. Each retry gets a login timeout of 1 s, so that
 * an attempt caught by a half-dead server (or a port forwarder in front of a restarting container)
 * cannot outlast the restart.
 *
 * <p>Why: the connection pool (HikariCP) retries failed connection attempts with an exponential
 * back-off it does not let us configure (up to 5 s between attempts), so after a database restart
 * signing could stay refused for seconds after the server was back. With this driver the pool's
 * connection attempt is already waiting when the server comes back, and signing resumes within tens
 * of milliseconds. The first connection is not patient, so a wrong URL fails the start at once.
 * Public because the pool instantiates it by class name ({@code
 * datasources.default.driver-class-name}).
 */
public final class ReconnectingDriver implements Driver {
  /** Connection refused or lost, server starting up or shutting down: worth waiting for. */
  private static final Set<String> NOT_YET = Set.of("08001", "08004", "08006", "57P03");

  private static final long PATIENCE_NANOS = 10_000_000_000L;
  private static final long POLL_MILLIS = 50;
  private static final String RETRY_LOGIN_TIMEOUT_SECONDS = "1";
  private final Driver postgres = new org.postgresql.Driver();
  private volatile boolean connectedOnce;

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) return null;
    long deadline = System.nanoTime() + PATIENCE_NANOS;
    Properties attempt = info;
    boolean retrying = false;
    while (true) {
      try {
        Connection connection = postgres.connect(url, attempt);
        connectedOnce = true;
        return connection;
      } catch (SQLException e) {
        if (!connectedOnce || !NOT_YET.contains(e.getSQLState()) || System.nanoTime() > deadline) {
          throw e;
        }
        if (!retrying) {
          retrying = true;
          attempt = new Properties();
          attempt.putAll(info);
          attempt.setProperty("loginTimeout", RETRY_LOGIN_TIMEOUT_SECONDS);
        }
        try {
          Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  @Override
  public boolean acceptsURL(String url) throws SQLException {
    return postgres.acceptsURL(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return postgres.getPropertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return postgres.getMajorVersion();
  }

  @Override
  public int getMinorVersion() {
    return postgres.getMinorVersion();
  }

  @Override
  public boolean jdbcCompliant() {
    return postgres.jdbcCompliant();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return postgres.getParentLogger();
  }
}
