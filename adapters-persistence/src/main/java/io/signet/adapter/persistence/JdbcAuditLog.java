package io.signet.adapter.persistence;

import io.signet.application.port.AuditLog;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.AuditQuery;
import io.signet.domain.audit.RequestId;
import io.signet.domain.tenant.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** {@link AuditLog} in PostgreSQL; the table refuses UPDATE, DELETE and TRUNCATE by trigger. */
@Singleton
public final class JdbcAuditLog implements AuditLog {
  private final Sql sql;

  JdbcAuditLog(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void append(AuditEvent event) {
    sql.update(
        "INSERT INTO audit_event (at, actor, action, target, tenant_id, request_id)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        s -> {
          s.setObject(1, Sql.timestamp(event.at()));
          s.setString(2, event.actor().value());
          s.setString(3, event.action().wireName());
          s.setString(4, event.target());
          s.setObject(5, event.tenant() == null ? null : event.tenant().value());
          s.setObject(6, event.requestId().value());
        });
  }

  @Override
  public List<AuditEvent> recent(AuditQuery query) {
    return sql.query(
        "SELECT at, actor, action, target, tenant_id, request_id FROM audit_event"
            + " WHERE (?::uuid IS NULL OR tenant_id = ?::uuid)"
            + " AND (?::timestamptz IS NULL OR at >= ?::timestamptz)"
            + " ORDER BY at DESC, seq DESC LIMIT ?",
        s -> {
          UUID tenant = query.tenant() == null ? null : query.tenant().value();
          s.setObject(1, tenant);
          s.setObject(2, tenant);
          s.setObject(3, Sql.timestamp(query.since()));
          s.setObject(4, Sql.timestamp(query.since()));
          s.setInt(5, query.limit());
        },
        JdbcAuditLog::event);
  }

  private static AuditEvent event(ResultSet row) throws SQLException {
    UUID tenant = row.getObject("tenant_id", UUID.class);
    return new AuditEvent(
        Sql.instant(row, "at"),
        new Actor(row.getString("actor")),
        AuditAction.fromWireName(row.getString("action")),
        row.getString("target"),
        tenant == null ? null : new TenantId(tenant),
        new RequestId(row.getObject("request_id", UUID.class)));
  }
}
