package io.signet.adapter.persistence;

import io.signet.application.port.KeyPolicies;
import io.signet.domain.key.KeyPolicy;
import io.signet.domain.tenant.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@link KeyPolicies} in PostgreSQL, periods stored in whole days. */
@Singleton
public final class JdbcKeyPolicies implements KeyPolicies {
  private final Sql sql;

  JdbcKeyPolicies(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void put(KeyPolicy policy, Instant at) {
    sql.update(
        "INSERT INTO key_policy (tenant_id, rotate_after_days, archive_after_days, updated_at)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET"
            + " rotate_after_days = excluded.rotate_after_days,"
            + " archive_after_days = excluded.archive_after_days, updated_at = excluded.updated_at",
        s -> {
          s.setObject(1, policy.tenant().value());
          s.setObject(2, days(policy.rotateAfter()));
          s.setObject(3, days(policy.archiveAfter()));
          s.setObject(4, Sql.timestamp(at));
        });
  }

  @Override
  public List<KeyPolicy> all() {
    return sql.query(
        "SELECT tenant_id, rotate_after_days, archive_after_days FROM key_policy"
            + " WHERE rotate_after_days IS NOT NULL OR archive_after_days IS NOT NULL ORDER BY tenant_id",
        s -> {},
        JdbcKeyPolicies::policy);
  }

  private static Integer days(Duration period) {
    return period == null ? null : Math.toIntExact(period.toDays());
  }

  private static KeyPolicy policy(ResultSet row) throws SQLException {
    Integer rotate = row.getObject("rotate_after_days", Integer.class);
    Integer archive = row.getObject("archive_after_days", Integer.class);
    return new KeyPolicy(
        new TenantId(row.getObject("tenant_id", UUID.class)),
        rotate == null ? null : Duration.ofDays(rotate),
        archive == null ? null : Duration.ofDays(archive));
  }
}
