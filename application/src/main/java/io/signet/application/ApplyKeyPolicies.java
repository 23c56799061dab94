package io.signet.application;

import io.signet.application.port.KeyPolicies;
import io.signet.application.port.KeyVersions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.KeyPolicy;
import io.signet.domain.key.KeyVersion;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the tenants' policies once: rotates active versions that are due, archives retired versions
 * that are due. Safe when several instances run it at the same moment: each transition is a claim
 * or a compare-and-set in the database, so it happens once; the instances that lose get Conflict,
 * which is not an error here. A rotation the tenant's live-versions quota refuses is not an error
 * either (the daily quota holds the tenant's own API keys only, never the policies): it is reported
 * ({@link Report#refused()}) and tried again by the next run, since the version is still due.
 */
public final class ApplyKeyPolicies {
  private final KeyPolicies policies;
  private final KeyVersions versions;
  private final RotateKey rotateKey;
  private final ArchiveKey archiveKey;
  private final Clock clock;

  public ApplyKeyPolicies(
      KeyPolicies policies,
      KeyVersions versions,
      RotateKey rotateKey,
      ArchiveKey archiveKey,
      Clock clock) {
    this.policies = policies;
    this.versions = versions;
    this.rotateKey = rotateKey;
    this.archiveKey = archiveKey;
    this.clock = clock;
  }

  public Report apply() {
    Instant now = clock.instant();
    List<KeyVersion> rotated = new ArrayList<>();
    List<KeyVersion> archived = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    for (KeyPolicy policy : policies.all()) {
      for (KeyVersion version : versions.list(policy.tenant(), null, null)) {
        Invocation invocation = new Invocation(Actor.SCHEDULER, RequestId.next(clock));
        try {
          if (policy.rotationDue(version, now)) {
            rotated.add(rotateKey.rotateVersion(version.name(), invocation).retired());
          } else if (policy.archiveDue(version, now)) {
            archived.add(archiveKey.archive(version.name(), invocation).version());
          }
        } catch (SignetException.Conflict conflict) {
          // unless the quota refused it, another instance made this transition first
          if (conflict.quotaExceeded()) refused.add(new Refused(version, conflict.getMessage()));
        } catch (SignetException.NotFound lostRace) {
          // another instance made this transition first
        }
      }
    }
    return new Report(rotated, archived, refused);
  }

  /**
   * The versions this run rotated away from, those it archived, and the rotations that were due but
   * refused by the tenant's key quota.
   */
  public record Report(
      List<KeyVersion> rotated, List<KeyVersion> archived, List<Refused> refused) {}

  /** A due rotation of {@code version} that the key quota refused, and the quota's message. */
  public record Refused(KeyVersion version, String reason) {}
}
