package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.OrphanMarks;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.KeyName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Brings custody and the database back in line after crashes (DESIGN §8), on one instance or many
 * at once. The caller has checked the deployment binding ({@link BindDeployment}) first.
 *
 * <p>One pass: releases claims older than the grace period (by the database's clock, {@code DELETE
 * … RETURNING}); finds the custody objects whose name has no live version and no claim (each read
 * in one statement with its claim) or whose version is archived; marks them; and destroys those
 * already marked by an earlier pass at least the grace period ago, at most {@code
 * maxDestroyPerPass} of them (the rest wait for the next pass). An object of no version is
 * destroyed under a claim of its name, so that a rotation claiming that very version on another
 * instance meanwhile wins and keeps its fresh key. Every destruction is audited.
 */
public final class ReconcileKeyCustody {
  private final KeyVersions versions;
  private final KeyCustody custody;
  private final OrphanMarks marks;
  private final AuditLog audit;
  private final Clock clock;
  private final Duration grace;
  private final int maxDestroyPerPass;

  public ReconcileKeyCustody(
      KeyVersions versions,
      KeyCustody custody,
      OrphanMarks marks,
      AuditLog audit,
      Clock clock,
      Duration grace,
      int maxDestroyPerPass) {
    if (maxDestroyPerPass < 0) throw new IllegalArgumentException("maxDestroyPerPass < 0");
    this.versions = versions;
    this.custody = custody;
    this.marks = marks;
    this.audit = audit;
    this.clock = clock;
    this.grace = grace;
    this.maxDestroyPerPass = maxDestroyPerPass;
  }

  public Report reconcile() {
    List<KeyName> released = versions.releaseClaimsOlderThan(grace);
    Set<KeyName> orphans = new LinkedHashSet<>();
    for (KeyName name : custody.heldKeys()) {
      KeyVersions.Ownership owner = versions.ownership(name);
      if (owner == KeyVersions.Ownership.ARCHIVED || owner == KeyVersions.Ownership.UNOWNED) {
        orphans.add(name);
      }
    }
    List<KeyName> due = marks.pass(orphans, grace);
    Invocation invocation = new Invocation(Actor.SCHEDULER, RequestId.next(clock));
    List<KeyName> destroyed = new ArrayList<>();
    List<KeyName> deferred = new ArrayList<>();
    for (KeyName name : due) {
      if (destroyed.size() >= maxDestroyPerPass) {
        deferred.add(name);
      } else if (destroyIfStillOrphaned(name)) {
        destroyed.add(name);
        audit.append(
            AuditEvent.of(
                invocation,
                AuditAction.KEY_ORPHAN_DESTROYED,
                name.toString(),
                name.tenant(),
                clock.instant()));
      }
    }
    List<KeyName> marked = new ArrayList<>(orphans);
    marked.removeAll(due);
    return new Report(destroyed, released, marked, deferred);
  }

  /**
   * Destroys the objects of {@code name} if it is still archived, or still unowned and claimable;
   * false (and nothing destroyed) when it is owned again.
   */
  private boolean destroyIfStillOrphaned(KeyName name) {
    switch (versions.ownership(name)) {
      case ARCHIVED -> {
        // an archived name can never be claimed or generated again
        custody.destroy(name);
      }
      case UNOWNED -> {
        Instant now = clock.instant();
        try {
          versions.claim(name, now);
        } catch (SignetException.Conflict rotationWon) {
          return false;
        }
        try {
          custody.destroy(name);
        } finally {
          versions.release(name);
        }
      }
      case LIVE, CLAIMED -> {
        marks.clear(name);
        return false;
      }
    }
    marks.clear(name);
    return true;
  }

  /**
   * What one pass did: objects destroyed in custody, interrupted claims dropped, orphans marked now
   * (destroyed by a later pass if still orphaned), and orphans due but left for the next pass by
   * the per-pass cap.
   */
  public record Report(
      List<KeyName> destroyed,
      List<KeyName> releasedClaims,
      List<KeyName> marked,
      List<KeyName> deferred) {
    public boolean isEmpty() {
      return destroyed.isEmpty()
          && releasedClaims.isEmpty()
          && marked.isEmpty()
          && deferred.isEmpty();
    }
  }
}
