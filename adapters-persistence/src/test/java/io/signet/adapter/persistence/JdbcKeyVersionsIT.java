package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.contract.KeyVersionsContract;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Tenants;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

class JdbcKeyVersionsIT extends KeyVersionsContract {
  @Override
  protected KeyVersions versions() {
    return PersistenceContext.get().getBean(JdbcKeyVersions.class);
  }

  @Override
  protected Tenants tenants() {
    return PersistenceContext.get().getBean(JdbcTenants.class);
  }

  @Test
  void theDatabaseItselfRefusesTwoActiveVersionsBackwardMovesAndDeletion() throws SQLException {
    TenantId tenant = TenantId.random();
    tenants().add(new Tenant(tenant, "raw", Plan.FREE, T0));
    KeyName v1 = new KeyName(tenant, Algorithm.DILITHIUM3, 1);
    versions().claim(v1, T0);
    versions()
        .activate(
            KeyVersion.activated(
                v1, Bytes.of(new byte[] {1}), Protection.HSM_WRAPPED, Bytes.of(new byte[] {2}), T0),
            null);
    PostgreSQLContainer db = PostgresTestDatabase.container();
    try (Connection c =
            DriverManager.getConnection(db.getJdbcUrl(), db.getUsername(), db.getPassword());
        Statement s = c.createStatement()) {
      String where = " WHERE tenant_id = '" + tenant + "'";
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO key_version (tenant_id, algorithm, version, status, public_key, protection, created_at)"
                          + " VALUES ('"
                          + tenant
                          + "', 'mldsa65', 2, 'active', '\\x01', 'hsm-wrapped', now())"))
          .hasMessageContaining("key_version_one_active");
      s.execute("UPDATE key_version SET status = 'retired', retired_at = now()" + where);
      assertThatThrownBy(
              () ->
                  s.execute("UPDATE key_version SET status = 'active', retired_at = NULL" + where))
          .hasMessageContaining("may not move");
      assertThatThrownBy(() -> s.execute("UPDATE key_version SET public_key = '\\x02'" + where))
          .hasMessageContaining("immutable");
      assertThatThrownBy(() -> s.execute("DELETE FROM key_version" + where))
          .hasMessageContaining("kept for audit");
    }
    assertThat(versions().find(v1).orElseThrow().publicKey()).isEqualTo(Bytes.of(new byte[] {1}));
  }
}
