package io.signet.application.port;

import java.time.Instant;

/**
 * Sign-In with Ethereum nonces issued by this service, shared by every instance: each is accepted
 * once, before it expires.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the store cannot be
 * reached; the nonce was then neither issued nor used.
 */
public interface LoginNonces {
  /** Stores a new nonce, usable until {@code expiresAt}; durable when this returns. */
  void issue(String nonce, Instant expiresAt);

  /**
   * Uses the nonce: true if it was issued, not used yet and {@code now} is before its expiry. Of
   * any number of concurrent calls with the same nonce, on any instance, at most one returns true.
   */
  boolean use(String nonce, Instant now);

  /** Forgets nonces that expired before {@code now}; returns how many. */
  int forgetExpired(Instant now);
}
