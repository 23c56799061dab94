package io.signet.application.fake;

import io.signet.application.port.AuditLog;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.AuditQuery;
import java.util.ArrayList;
import java.util.List;

/** {@link AuditLog} in memory, for unit tests of the core. Passes {@code AuditLogContract}. */
public final class InMemoryAuditLog implements AuditLog {
  private final List<AuditEvent> events = new ArrayList<>();

  @Override
  public synchronized void append(AuditEvent event) {
    events.add(event);
  }

  @Override
  public synchronized List<AuditEvent> recent(AuditQuery query) {
    List<AuditEvent> result = new ArrayList<>();
    for (int i = events.size() - 1; i >= 0 && result.size() < query.limit(); i--) {
      AuditEvent e = events.get(i);
      if (query.tenant() != null && !query.tenant().equals(e.tenant())) continue;
      if (query.since() != null && e.at().isBefore(query.since())) continue;
      result.add(e);
    }
    result.sort((a, b) -> b.at().compareTo(a.at()));
    return result;
  }
}
