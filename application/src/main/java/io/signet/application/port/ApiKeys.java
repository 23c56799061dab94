package io.signet.application.port;

import io.signet.domain.access.ApiKey;
import io.signet.domain.access.ApiKeyId;
import java.time.Instant;
import java.util.Optional;

/**
 * Issued API keys, stored with the hash of their secret only. Each method is atomic and durable
 * when it returns.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the store cannot be
 * reached; nothing was changed then. {@link #find} may also refuse with {@link
 * io.signet.domain.SignetException.RateLimited} (nothing read) when answering would read a store
 * that this instance reads at a bounded rate for ids it does not know (DESIGN §8); an
 * implementation that keeps everything in memory never does.
 */
public interface ApiKeys {
  /** Stores a newly issued key. Its tenant exists. */
  void add(ApiKey key);

  /** The key with that id, revoked or not. */
  Optional<ApiKey> find(ApiKeyId id);

  /**
   * Marks the key revoked at {@code at} unless it already is; from then on {@link #find} returns it
   * revoked. An unknown id changes nothing.
   */
  void revoke(ApiKeyId id, Instant at);
}
