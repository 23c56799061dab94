package io.signet.application.port;

import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.service.ServiceKeyPurpose;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The stored service keys and the claims that make their creation happen exactly once across
 * instances: a version is first claimed (a pending row, unique per name and at most one pending per
 * purpose and algorithm, enforced by the database), then generated in the HSM with no transaction
 * open, then completed. At most one version per purpose and algorithm is current.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the store cannot be
 * reached.
 */
public interface ServiceKeys {

  /**
   * Claims {@code name} for {@code claimant}: true when this call created the claim, false when the
   * name is taken or another version of the purpose and algorithm is pending. Durable on return.
   */
  boolean claim(ServiceKeyName name, String claimant, Instant now);

  /**
   * Takes over the pending claim of {@code name} when it was made before {@code staleBefore} (its
   * claimant died): true when {@code claimant} now holds it.
   */
  boolean takeOver(ServiceKeyName name, String claimant, Instant staleBefore, Instant now);

  /**
   * Completes the claim of {@code key.name()} held by {@code claimant}: the key becomes current and
   * the version that was current becomes previous. False when the claim is no longer held (taken
   * over), in which case nothing changed. Joins the caller's transaction.
   */
  boolean complete(ServiceKey key, String claimant);

  /** The pending claim of the purpose and algorithm, if there is one. */
  Optional<Claim> pending(ServiceKeyPurpose purpose, ServiceAlgorithm algorithm);

  /** The current version of the purpose and algorithm. */
  Optional<ServiceKey> current(ServiceKeyPurpose purpose, ServiceAlgorithm algorithm);

  /** One version, current or previous (pending claims are not keys yet). */
  Optional<ServiceKey> find(ServiceKeyName name);

  /** The highest version number claimed or stored for the purpose and algorithm; 0 if none. */
  int latestVersion(ServiceKeyPurpose purpose, ServiceAlgorithm algorithm);

  /** Every current and previous version, by purpose, algorithm, then newest version first. */
  List<ServiceKey> all();

  /** A pending claim: who holds it since when. */
  record Claim(ServiceKeyName name, String claimant, Instant claimedAt) {}
}
