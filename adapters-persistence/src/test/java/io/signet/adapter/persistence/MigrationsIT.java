package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

class MigrationsIT {
  @Test
  void flywayOwnsTheSchemaAndAppliedEveryMigration() throws Exception {
    PersistenceContext.get();
    PostgreSQLContainer db = PostgresTestDatabase.container();
    try (Connection c =
            DriverManager.getConnection(db.getJdbcUrl(), db.getUsername(), db.getPassword());
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
      List<String> versions = new ArrayList<>();
      while (rows.next()) {
        assertThat(rows.getBoolean("success")).isTrue();
        versions.add(rows.getString("version"));
      }
      assertThat(versions).startsWith("001", "002");
    }
  }
}
