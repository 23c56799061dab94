package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Transactions;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import java.time.Clock;
import java.time.Instant;

/** Retires an active version: it stops signing and still verifies. */
public final class RetireKey {
  private final KeyVersions versions;
  private final VersionTransition transition;
  private final Clock clock;

  public RetireKey(KeyVersions versions, AuditLog audit, Transactions transactions, Clock clock) {
    this.versions = versions;
    this.transition = new VersionTransition(versions, audit, transactions);
    this.clock = clock;
  }

  public KeyVersion retire(KeyName name, Invocation invocation) {
    KeyVersion current = KeyLookup.visible(versions, name);
    Instant now = clock.instant();
    return transition.store(current, current.retire(now), AuditAction.KEY_RETIRED, invocation, now);
  }
}
