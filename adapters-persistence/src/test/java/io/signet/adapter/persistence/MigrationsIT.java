package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

class MigrationsIT {
  @Test
  void flywayOwnsTheSchemaAndAppliedEveryMigration() throws Exception {
    PersistenceContext.get();
    try (Connection c = PostgresTestDatabase.connect();
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

  /**
   * The ledger of key creations (V096) starts with the creations of the day before the upgrade: the
   * versions created within the last 24 hours and the claims in progress, so that an upgrade resets
   * no tenant's day. Older versions are left out: they no longer count.
   */
  @Test
  void theCreationLedgerStartsWithTheLastDaysCreations() throws Exception {
    PostgreSQLContainer db = PostgresTestDatabase.container();
    String url = PostgresTestDatabase.createDatabase("upgrade_");
    Flyway before =
        Flyway.configure().dataSource(url, db.getUsername(), db.getPassword()).target("095").load();
    before.migrate();
    String tenant = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    try (Connection c = PostgresTestDatabase.connect(url);
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO tenant (id, name, plan, created_at) VALUES ('"
              + tenant
              + "', 'a', 'free', now() - interval '3 days'), ('"
              + other
              + "', 'b', 'free', now())");
      s.execute(
          "INSERT INTO key_version (tenant_id, algorithm, version, status, public_key, protection,"
              + " created_at, retired_at, archived_at) VALUES"
              + " ('"
              + tenant
              + "', 'p256', 1, 'archived', '\\x01', 'hsm', now() - interval '25 hours',"
              + " now() - interval '2 hours', now() - interval '1 hour'),"
              + " ('"
              + tenant
              + "', 'p256', 2, 'retired', '\\x02', 'hsm', now() - interval '2 hours',"
              + " now() - interval '1 hour', NULL),"
              + " ('"
              + tenant
              + "', 'p256', 3, 'active', '\\x03', 'hsm', now() - interval '1 hour', NULL, NULL)");
      s.execute(
          "INSERT INTO key_claim (tenant_id, algorithm, version, claimed_at) VALUES ('"
              + tenant
              + "', 'ed25519', 1, now())");
    }

    Flyway.configure().dataSource(url, db.getUsername(), db.getPassword()).load().migrate();

    try (Connection c = PostgresTestDatabase.connect(url);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT tenant_id, algorithm, version FROM key_creation ORDER BY algorithm, version")) {
      List<String> ledger = new ArrayList<>();
      while (rows.next()) {
        ledger.add(
            rows.getString("tenant_id")
                + " "
                + rows.getString("algorithm")
                + " "
                + rows.getInt("version"));
      }
      assertThat(ledger)
          .containsExactly(tenant + " ed25519 1", tenant + " p256 2", tenant + " p256 3");
    }
    try (Connection c = PostgresTestDatabase.connect(url);
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT count(*) AS dated FROM key_creation k JOIN key_version v"
                    + " USING (tenant_id, algorithm, version) WHERE k.claimed_at = v.created_at")) {
      rows.next();
      assertThat(rows.getInt("dated")).as("versions count from their creation").isEqualTo(2);
    }
  }
}
