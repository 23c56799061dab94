package io.signet.adapter.pkcs11;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micronaut.context.annotation.Value;
import io.signet.domain.key.KeyName;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decrypted private keys, kept so that signing is not throttled by unsealing (an HSM decrypt and a
 * key decode per call). Bounded in size (least recently used goes first) and in time (an entry
 * older than the TTL is unsealed again), and can be switched off ({@code
 * signet.key-cache.enabled=false}: unseal on every signature). Archiving or destroying a version
 * evicts it here; other instances drop theirs at the latest when the TTL runs out, and an archived
 * version can no longer sign anywhere because the status is checked in the database first.
 *
 * <p>Security: entries are the JCA key objects; the JVM offers no reliable wipe of their internals.
 * The TTL bounds how long decrypted material stays reachable.
 */
@Singleton
final class UnsealedKeyCache {
  private static final Counter HITS = Metrics.counter("signet.key.cache.requests", "result", "hit");
  private static final Counter MISSES =
      Metrics.counter("signet.key.cache.requests", "result", "miss");
  private final boolean enabled;
  private final int maxEntries;
  private final long ttlNanos;
  private final Map<KeyName, Entry> entries;

  UnsealedKeyCache(
      @Value("${signet.key-cache.enabled:true}") boolean enabled,
      @Value("${signet.key-cache.max-entries:1000}") int maxEntries,
      @Value("${signet.key-cache.ttl:10m}") Duration ttl) {
    this.enabled = enabled;
    this.maxEntries = maxEntries;
    this.ttlNanos = ttl.toNanos();
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  <T> T get(KeyName name, Class<T> type, Supplier<T> unseal) {
    if (!enabled) return unseal.get();
    long now = System.nanoTime();
    synchronized (entries) {
      Entry entry = entries.get(name);
      if (entry != null && now - entry.loadedAt < ttlNanos && type.isInstance(entry.key)) {
        HITS.increment();
        return type.cast(entry.key);
      }
    }
    MISSES.increment();
    T key = unseal.get();
    synchronized (entries) {
      entries.put(name, new Entry(key, now));
      while (entries.size() > maxEntries) {
        entries.remove(entries.keySet().iterator().next());
      }
    }
    return key;
  }

  void evict(KeyName name) {
    synchronized (entries) {
      entries.remove(name);
    }
  }

  private record Entry(Object key, long loadedAt) {}
}
