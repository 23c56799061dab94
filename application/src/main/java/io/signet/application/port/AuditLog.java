package io.signet.application.port;

import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.AuditQuery;
import java.util.List;

/**
 * The append-only audit log. Entries cannot be changed or removed through this port, and the
 * production store refuses updates and deletes in the database itself.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the store cannot be
 * reached; the entry was not appended then, and the caller's action must not be reported done.
 */
public interface AuditLog {
  /** Appends an entry; durable when this returns (or when the enclosing transaction commits). */
  void append(AuditEvent event);

  /** Entries newest first, at most {@code query.limit()}. */
  List<AuditEvent> recent(AuditQuery query);
}
