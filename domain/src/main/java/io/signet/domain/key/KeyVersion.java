package io.signet.domain.key;

import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import java.time.Instant;

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

  /** This version, retired at {@code now}; only an active version may retire. */
  public KeyVersion retire(Instant now) {
    requireTransition(KeyStatus.RETIRED);
    return new KeyVersion(
        name, KeyStatus.RETIRED, publicKey, protection, sealedPrivateKey, createdAt, now, null);
  }

  /** This version, archived at {@code now}, with its sealed key gone; only from retired. */
  public KeyVersion archive(Instant now) {
    requireTransition(KeyStatus.ARCHIVED);
    return new KeyVersion(
        name, KeyStatus.ARCHIVED, publicKey, protection, null, createdAt, retiredAt, now);
  }

  /** Throws unless this version may sign; archived versions look as if they did not exist. */
  public void requireSignable() {
    if (status == KeyStatus.ARCHIVED) throw notFound();
    if (!status.signs()) {
      throw new SignetException.NotFound(
          "key version " + name.version() + " is " + status.wireName() + " and cannot sign");
    }
  }

  /** Throws unless this version may verify. */
  public void requireVerifiable() {
    if (!status.verifies()) throw notFound();
  }

  private SignetException.NotFound notFound() {
    return new SignetException.NotFound(
        "key version " + name.version() + " of " + name.algorithm().wireName() + " not found");
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
}
