package io.signet.bootstrap;

import io.signet.adapter.persistence.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * Lets a test run Signet in-process on a database of its own while the test JVM keeps the module's
 * one shared SoftHSM token (SoftHSM sees only the tokens that existed when the library was loaded).
 * The token belongs to the deployment of the shared test database (DESIGN §8: a start on any other
 * database is refused), so the new database is made part of that same deployment: migrated, and
 * given the shared database's deployment id, as a restored copy of it would have.
 */
final class SharedDeployment {
  private SharedDeployment() {}

  static void adopt(String url, String user, String password) throws SQLException {
    UUID id = sharedId();
    Flyway.configure()
        .dataSource(url, user, password)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    try (Connection c = DriverManager.getConnection(url, user, password);
        var insert =
            c.prepareStatement("INSERT INTO deployment (id) VALUES (?) ON CONFLICT DO NOTHING")) {
      insert.setObject(1, id);
      insert.executeUpdate();
    }
  }

  /** The shared database's deployment id; one start of Signet on it binds the token first. */
  private static UUID sharedId() throws SQLException {
    try (SignetApp bound = SignetApp.start()) {
      var db = PostgresTestDatabase.container();
      try (Connection c =
              DriverManager.getConnection(db.getJdbcUrl(), db.getUsername(), db.getPassword());
          Statement s = c.createStatement();
          ResultSet rows = s.executeQuery("SELECT id FROM deployment")) {
        if (!rows.next()) throw new IllegalStateException("the shared database has no deployment");
        return rows.getObject(1, UUID.class);
      }
    }
  }
}
