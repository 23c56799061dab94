package io.signet.application.port;

import io.signet.domain.Bytes;
import io.signet.domain.wallet.EthereumAddress;
import java.time.Instant;

/**
 * The signed login messages already used, shared by every instance: each (address, message) is
 * accepted once while it could still be accepted at all.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the store cannot be
 * reached; nothing was recorded then.
 */
public interface LoginReplays {
  /**
   * Records the message (by its SHA-256) as used by {@code address} until {@code forgetAfter}; true
   * if this call recorded it, false if it was already recorded. Atomic: of any number of concurrent
   * calls with the same pair, on any instance, exactly one returns true.
   */
  boolean firstUse(EthereumAddress address, Bytes messageSha256, Instant forgetAfter);

  /** Forgets records whose {@code forgetAfter} is before {@code now}; returns how many. */
  int forgetExpired(Instant now);
}
