package io.signet.application.port;

import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyQuota;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stored key versions and the claims that reserve version numbers while keys are generated.
 *
 * <p>Invariants the store enforces itself, whatever the caller does: at most one active version per
 * (tenant, algorithm); statuses only move active → retired → archived; a version number is used
 * once. Every method is atomic and durable when it returns (or when the enclosing {@link
 * Transactions} unit commits).
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Conflict} when a concurrent change won;
 * {@link io.signet.domain.SignetException.Unavailable} when the store cannot be reached.
 */
public interface KeyVersions {
  Optional<KeyVersion> find(KeyName name);

  Optional<KeyVersion> active(TenantId tenant, Algorithm algorithm);

  /** Versions of a tenant, optionally of one algorithm and status, by algorithm then version. */
  List<KeyVersion> list(TenantId tenant, Algorithm algorithm, KeyStatus status);

  /** The highest stored version number of (tenant, algorithm), 0 when there is none. */
  int latestVersion(TenantId tenant, Algorithm algorithm);

  /**
   * Reserves {@code name} for a generation in progress. Throws Conflict when the version is already
   * stored or claimed: exactly one caller wins a version number. A store shared by several
   * instances dates the claim by its own clock (the database's), not by {@code at}, so that claim
   * ages compare on one clock. Not a creation: no quota counts it (reconciliation claims names to
   * destroy their objects).
   */
  void claim(KeyName name, Instant at);

  /**
   * Reserves {@code name} as {@link #claim} does, for a new version of a tenant's key, only if the
   * tenant has room for one more under {@code quota}, and records the claim as a creation of the
   * tenant made at {@code at}. The tenant's usage (its versions that are not archived and its
   * claims, as live versions; its creations within {@link KeyQuota#WINDOW} before {@code at}) is
   * counted, and the claim and the creation stored, in one atomic step, with the tenant's creations
   * serialized, so that of concurrent claims at the limit (on any number of instances sharing the
   * store) one at most passes.
   *
   * <p>A creation is every claim that passed this method, whatever {@code quota} it was given (the
   * operator's and the key policies' count toward the tenant's day without being refused by it),
   * and it stays counted for the whole window when the claim is {@linkplain #release released} or
   * {@linkplain #releaseClaimsOlderThan goes stale}: once claimed, the HSM may have generated a
   * key, and the daily limit bounds how fast a tenant makes it do that. Creations older than the
   * window may be forgotten; a store shared by several instances forgets one only once it is out of
   * the window by its own clock too, so that one instance's fast clock cannot erase what the others
   * still count. A refusal stores nothing: Conflict ({@link
   * io.signet.domain.SignetException.Conflict#quotaExceeded()}) or RateLimited, as {@link
   * KeyQuota#requireRoomForOneMore} decides; Conflict as {@link #claim} when the version is taken.
   */
  void claimWithinQuota(KeyName name, Instant at, KeyQuota quota);

  /**
   * Drops the claim on {@code name}, if any. A creation it recorded ({@link #claimWithinQuota})
   * still counts.
   */
  void release(KeyName name);

  /**
   * Drops the claims older than {@code age} by the store's clock (generations that were
   * interrupted) and returns their names, in one atomic step: each stale claim is released by one
   * caller only.
   */
  List<KeyName> releaseClaimsOlderThan(Duration age);

  /**
   * Who owns {@code name}, read in one atomic step (the version and the claim together), so that a
   * rotation committing concurrently is seen either as its claim or as its version, never as
   * neither.
   */
  Ownership ownership(KeyName name);

  /** Those of {@code names} that are stored as active (in one read). */
  Set<KeyName> activeAmong(Set<KeyName> names);

  /** The active and retired versions that hold a sealed private key, of every tenant. */
  List<KeyVersion> sealedVersions();

  /**
   * Replaces the sealed private key of {@code name} by {@code replacement} (the same key, sealed
   * anew), only if the stored one is still {@code expected}; false otherwise. Durable on return.
   */
  boolean replaceSealedKey(KeyName name, Bytes expected, Bytes replacement);

  /** What owns a key name in the store. */
  enum Ownership {
    /** A stored version that is active or retired: its custody objects are in use. */
    LIVE,
    /** A stored archived version: its custody objects must go. */
    ARCHIVED,
    /** A claim: a generation in progress (or interrupted, until its claim goes stale). */
    CLAIMED,
    /** Nothing: custody objects of this name belong to no version. */
    UNOWNED
  }

  /**
   * Stores {@code created} (active) and drops its claim; when {@code retired} is given (the
   * previously active version, as retired), stores that transition in the same unit. Conflict when
   * another version became active meanwhile, or the one to retire is no longer active.
   */
  void activate(KeyVersion created, KeyVersion retired);

  /**
   * Replaces {@code before} by {@code after} (a status transition), if the stored status is still
   * {@code before.status()}; Conflict otherwise.
   */
  void transition(KeyVersion before, KeyVersion after);
}
