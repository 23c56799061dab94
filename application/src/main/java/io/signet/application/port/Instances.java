package io.signet.application.port;

import java.time.Duration;
import java.util.UUID;

/**
 * The registry of Signet instances sharing one database, so that each can tell how many are alive
 * (rate-limit budgets are shared among them) without any state on the request path.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the registry cannot be
 * reached; callers keep their last count then.
 */
public interface Instances {

  /**
   * Records that {@code instance} is alive now and returns how many instances, this one included,
   * have beaten within {@code expiry}. "Now" is the registry's clock, so clock skew between the
   * instances' hosts does not matter.
   */
  int beat(UUID instance, Duration expiry);

  /** Removes {@code instance}: it is stopping. Idempotent. */
  void leave(UUID instance);
}
