package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.port.AuditLog;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.AuditQuery;
import io.signet.domain.audit.RequestId;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} must do. Subclasses give a log that is fresh for each test. */
public abstract class AuditLogContract {
  protected static final Instant T0 = Instant.parse("2030-03-01T10:15:30.123Z");

  protected abstract AuditLog audit();

  private static AuditEvent anEvent(TenantId tenant, Instant at) {
    return new AuditEvent(
        at,
        Actor.OPERATOR,
        AuditAction.TENANT_CREATED,
        "t",
        tenant,
        RequestId.next(Clock.systemUTC()));
  }

  @Test
  void readsNewestFirst() {
    TenantId tenant = TenantId.random();
    AuditEvent first = anEvent(tenant, T0);
    AuditEvent second = anEvent(tenant, T0.plusSeconds(1));
    audit().append(first);
    audit().append(second);
    assertThat(audit().recent(new AuditQuery(tenant, null, 10))).containsExactly(second, first);
  }

  @Test
  void filtersByTenantSinceAndLimit() {
    TenantId mine = TenantId.random();
    TenantId theirs = TenantId.random();
    audit().append(anEvent(mine, T0));
    audit().append(anEvent(theirs, T0.plusSeconds(1)));
    AuditEvent recent = anEvent(mine, T0.plusSeconds(2));
    audit().append(recent);
    assertThat(audit().recent(new AuditQuery(mine, T0.plusSeconds(1), 10))).containsExactly(recent);
    assertThat(audit().recent(new AuditQuery(mine, null, 1))).containsExactly(recent);
    assertThat(audit().recent(new AuditQuery(null, T0, 10))).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void keepsEntriesWithoutATenant() {
    AuditEvent event = anEvent(null, T0.plusSeconds(5));
    audit().append(event);
    assertThat(audit().recent(new AuditQuery(null, T0.plusSeconds(5), 10))).contains(event);
  }

  @Test
  void refusesLimitsOutsideOneToAThousand() {
    assertThatThrownBy(() -> new AuditQuery(null, null, 0))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> new AuditQuery(null, null, 1001))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }
}
