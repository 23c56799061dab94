package io.signet.adapter.persistence;

import io.signet.application.port.Tenants;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link Tenants} in PostgreSQL. */
@Singleton
public final class JdbcTenants implements Tenants {
  private static final String COLUMNS = "id, name, plan, created_at";
  private final Sql sql;

  JdbcTenants(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void add(Tenant tenant) {
    sql.update(
        "INSERT INTO tenant (" + COLUMNS + ") VALUES (?, ?, ?, ?)",
        s -> {
          s.setObject(1, tenant.id().value());
          s.setString(2, tenant.name());
          s.setString(3, tenant.plan().wireName());
          s.setObject(4, Sql.timestamp(tenant.createdAt()));
        });
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM tenant WHERE id = ?",
        s -> s.setObject(1, id.value()),
        JdbcTenants::tenant);
  }

  @Override
  public List<Tenant> list() {
    return sql.query(
        "SELECT " + COLUMNS + " FROM tenant ORDER BY created_at, id", s -> {}, JdbcTenants::tenant);
  }

  private static Tenant tenant(ResultSet row) throws SQLException {
    return new Tenant(
        new TenantId(row.getObject("id", UUID.class)),
        row.getString("name"),
        Plan.parse(row.getString("plan")),
        Sql.instant(row, "created_at"));
  }
}
