package io.signet.domain.key;

import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.Invocation;
import java.time.Instant;
import java.util.Optional;

/**
 * One version of a tenant's key. Its private key lives in custody (the HSM, directly or sealed
 * under an HSM key); this record holds what Signet may store: the public key (SPKI DER), the
 * protection level, the sealed private part if there is one, and the lifecycle times.
 *
 * <p>Invariants: the status times match the status (an active version has no retirement time, an
 * archived one has both); an archived version holds no sealed private key.
 */
public record KeyVersion(
    KeyName name,
    KeyStatus status,
    Bytes publicKey,
    Protection protection,
    Bytes sealedPrivateKey,
    Instant createdAt,
    Instant retiredAt,
    Instant archivedAt) {

  public KeyVersion {
    if (name == null || status == null || publicKey == null || protection == null) {
      throw new IllegalArgumentException("name, status, public key and protection are required");
    }
    if (createdAt == null) throw new IllegalArgumentException("creation time is required");
    boolean timesMatch =
        switch (status) {
          case ACTIVE -> retiredAt == null && archivedAt == null;
          case RETIRED -> retiredAt != null && archivedAt == null;
          case ARCHIVED -> retiredAt != null && archivedAt != null;
        };
    if (!timesMatch) throw new IllegalArgumentException("status times do not match " + status);
    if (status == KeyStatus.ARCHIVED && sealedPrivateKey != null) {
      throw new IllegalArgumentException("an archived version keeps no private key material");
    }
  }

  /** A freshly generated version: active from {@code now}. */
  public static KeyVersion activated(
      KeyName name, Bytes publicKey, Protection protection, Bytes sealedPrivateKey, Instant now) {
    return new KeyVersion(
        name, KeyStatus.ACTIVE, publicKey, protection, sealedPrivateKey, now, null, null);
  }

  /**
   * A freshly generated version becoming active: a generation when nothing is {@code replacing}, a
   * rotation (which retires {@code replacing}, the active version) otherwise. Audited as the new
   * version's generation or rotation.
   */
  public static Activation activate(
      KeyName name,
      Bytes publicKey,
      Protection protection,
      Bytes sealedPrivateKey,
      KeyVersion replacing,
      Invocation by,
      Instant now) {
    KeyVersion active = activated(name, publicKey, protection, sealedPrivateKey, now);
    KeyVersion retired = replacing == null ? null : replacing.retire(now);
    AuditAction action = replacing == null ? AuditAction.KEY_GENERATED : AuditAction.KEY_ROTATED;
    return new Activation(active, retired, active.event(action, by, now));
  }

  /** This version, retired at {@code now}; only an active version may retire. */
  public KeyVersion retire(Instant now) {
    requireTransition(KeyStatus.RETIRED);
    return new KeyVersion(
        name, KeyStatus.RETIRED, publicKey, protection, sealedPrivateKey, createdAt, now, null);
  }

  /** Retiring this version on behalf of {@code by}, with its audit entry. */
  public Transition retire(Invocation by, Instant now) {
    KeyVersion after = retire(now);
    return new Transition(this, after, after.event(AuditAction.KEY_RETIRED, by, now));
  }

  /** This version, archived at {@code now}, with its sealed key gone; only from retired. */
  public KeyVersion archive(Instant now) {
    requireTransition(KeyStatus.ARCHIVED);
    return new KeyVersion(
        name, KeyStatus.ARCHIVED, publicKey, protection, null, createdAt, retiredAt, now);
  }

  /** Archiving this version on behalf of {@code by}, with its audit entry. */
  public Transition archive(Invocation by, Instant now) {
    KeyVersion after = archive(now);
    return new Transition(this, after, after.event(AuditAction.KEY_ARCHIVED, by, now));
  }

  /**
   * The stored version as every operation sees it: an archived version looks as if it did not exist
   * (404, the same answer as a version never made). The one place that decides it.
   */
  public static KeyVersion visible(KeyName name, Optional<KeyVersion> stored) {
    return stored.filter(v -> v.status != KeyStatus.ARCHIVED).orElseThrow(() -> notFound(name));
  }

  /** Throws unless this version may sign. */
  public void requireSignable() {
    if (status == KeyStatus.ARCHIVED) throw notFound(name);
    if (!status.signs()) {
      throw new SignetException.NotFound(
          "key version " + name.version() + " is " + status.wireName() + " and cannot sign");
    }
  }

  /** Throws unless this version may verify. */
  public void requireVerifiable() {
    if (!status.verifies()) throw notFound(name);
  }

  private static SignetException.NotFound notFound(KeyName name) {
    return new SignetException.NotFound(
        "key version " + name.version() + " of " + name.algorithm().wireName() + " not found");
  }

  private AuditEvent event(AuditAction action, Invocation by, Instant now) {
    return AuditEvent.of(by, action, name.toString(), name.tenant(), now);
  }

  private void requireTransition(KeyStatus next) {
    if (!status.mayBecome(next)) {
      throw new SignetException.Conflict(
          "key version "
              + name.version()
              + " is "
              + status.wireName()
              + " and cannot become "
              + next.wireName());
    }
  }

  /** A status change of a stored version and the audit entry it causes. */
  public record Transition(KeyVersion before, KeyVersion after, AuditEvent event) {}

  /** A new active version, the version it retired (null for a generation), and the audit entry. */
  public record Activation(KeyVersion active, KeyVersion retired, AuditEvent event) {}
}
