package io.signet.adapter.persistence;

import java.util.Map;
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
}
