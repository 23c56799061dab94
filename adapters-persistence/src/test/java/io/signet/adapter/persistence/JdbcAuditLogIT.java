package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.contract.AuditLogContract;
import io.signet.application.port.AuditLog;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.RequestId;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class JdbcAuditLogIT extends AuditLogContract {
  @Override
  protected AuditLog audit() {
    return PersistenceContext.get().getBean(JdbcAuditLog.class);
  }

  @Test
  void theDatabaseRefusesUpdatesDeletesAndTruncationEvenToItsOwner() throws SQLException {
    audit()
        .append(
            new AuditEvent(
                T0,
                Actor.OPERATOR,
                AuditAction.TENANT_CREATED,
                "x",
                null,
                RequestId.next(Clock.systemUTC())));
    try (Connection c = PostgresTestDatabase.connect();
        Statement s = c.createStatement()) {
      for (String sql :
          new String[] {
            "UPDATE audit_event SET actor = 'mallory'",
            "DELETE FROM audit_event",
            "TRUNCATE audit_event"
          }) {
        assertThatThrownBy(() -> s.execute(sql))
            .as(sql)
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("append-only");
      }
      try (var rows = s.executeQuery("SELECT count(*) FROM audit_event WHERE actor = 'mallory'")) {
        rows.next();
        assertThat(rows.getInt(1)).isZero();
      }
    }
  }
}
