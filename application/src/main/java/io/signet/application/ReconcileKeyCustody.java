package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings custody and the database back in line after crashes: destroys HSM objects that belong to
 * no stored version (a generation interrupted before its commit) or to an archived version (an
 * archive whose destruction did not complete), and drops claims older than the grace period. A
 * claim younger than that is a generation in progress, perhaps on another instance, and is left
 * alone. Every destruction is audited.
 */
public final class ReconcileKeyCustody {
  private final KeyVersions versions;
  private final KeyCustody custody;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration grace;

  public ReconcileKeyCustody(
      KeyVersions versions, KeyCustody custody, AuditLog audit, Clock clock, Duration grace) {
    this.versions = versions;
    this.custody = custody;
    this.audit = audit;
    this.clock = clock;
    this.grace = grace;
  }

  public Report reconcile() {
    Instant now = clock.instant();
    Set<KeyName> stale = new HashSet<>(versions.claimsBefore(now.minus(grace)));
    Invocation invocation = new Invocation(Actor.SCHEDULER, RequestId.random());
    List<KeyName> destroyed = new ArrayList<>();
    for (KeyName name : custody.heldKeys()) {
      Optional<KeyVersion> stored = versions.find(name);
      boolean orphan =
          stored.isEmpty()
              ? !versions.isClaimed(name) || stale.contains(name)
              : stored.get().status() == KeyStatus.ARCHIVED;
      if (!orphan) continue;
      custody.destroy(name);
      destroyed.add(name);
      audit.append(
          AuditEvent.of(
              invocation, AuditAction.KEY_ORPHAN_DESTROYED, name.toString(), name.tenant(), now));
    }
    List<KeyName> released = new ArrayList<>();
    for (KeyName name : stale) {
      versions.release(name);
      released.add(name);
    }
    return new Report(destroyed, released);
  }

  /** What was destroyed in custody, and which interrupted claims were dropped. */
  public record Report(List<KeyName> destroyed, List<KeyName> releasedClaims) {
    public boolean isEmpty() {
      return destroyed.isEmpty() && releasedClaims.isEmpty();
    }
  }
}
