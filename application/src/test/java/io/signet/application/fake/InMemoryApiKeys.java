package io.signet.application.fake;

import io.signet.application.port.ApiKeys;
import io.signet.domain.access.ApiKey;
import io.signet.domain.access.ApiKeyId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ApiKeys} in memory, for unit tests of the core. Passes {@code ApiKeysContract}. */
public final class InMemoryApiKeys implements ApiKeys {
  private final Map<ApiKeyId, ApiKey> keys = new ConcurrentHashMap<>();

  @Override
  public void add(ApiKey key) {
    if (keys.putIfAbsent(key.id(), key) != null) throw new IllegalStateException("key exists");
  }

  @Override
  public Optional<ApiKey> find(ApiKeyId id) {
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public void revoke(ApiKeyId id, Instant at) {
    keys.computeIfPresent(id, (k, key) -> key.revoke(at));
  }
}
