package io.signet.adapter.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real PostgreSQL per test JVM, from Testcontainers (Docker, or podman through DOCKER_HOST as
 * scripts/test sets up). There is no fallback: without a container engine the tests fail loudly.
 */
public final class PostgresTestDatabase {
  private static PostgreSQLContainer container;

  private PostgresTestDatabase() {}

  public static synchronized PostgreSQLContainer container() {
    if (container == null) {
      container = new PostgreSQLContainer("postgres:15").withCommand("postgres", "-c", "fsync=off");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
    }
    return container;
  }

  /** Micronaut properties that point the default datasource at the test database. */
  public static Map<String, Object> properties() {
    PostgreSQLContainer db = container();
    return Map.of(
        "datasources.default.url",
        db.getJdbcUrl(),
        "datasources.default.username",
        db.getUsername(),
        "datasources.default.password",
        db.getPassword(),
        "datasources.default.driver-class-name",
        "org.postgresql.Driver",
        "datasources.default.dialect",
        "POSTGRES",
        "datasources.default.maximum-pool-size",
        10,
        "flyway.datasources.default.enabled",
        true);
  }

  /** A new connection to the test database, as the user the service logs in as. */
  public static Connection connect() throws SQLException {
    return connect(container().getJdbcUrl());
  }

  /** A new connection to {@code url}, a database on the test server, as the same user. */
  public static Connection connect(String url) throws SQLException {
    PostgreSQLContainer db = container();
    return DriverManager.getConnection(url, db.getUsername(), db.getPassword());
  }

  /**
   * Creates an empty database on the test server, named {@code prefix} and a random suffix, and
   * returns its JDBC URL.
   */
  public static String createDatabase(String prefix) throws SQLException {
    String name = prefix + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return container().getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
  }
}
