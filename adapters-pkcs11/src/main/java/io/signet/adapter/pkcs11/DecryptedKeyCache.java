package io.signet.adapter.pkcs11;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Scheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micronaut.context.annotation.Value;
import io.signet.application.port.DecryptedKeys;
import io.signet.domain.key.KeyName;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * Decrypted private keys (Caffeine), so that signing is not throttled by unsealing (an HSM decrypt
 * and a key decode per call). Entries are ready to sign with: {@link UnsealedMlDsaKey} holds the
 * key decoded for the JDK and for BouncyCastle. Bounded in size ({@code
 * signet.key-cache.max-entries}) and in time: an entry goes {@code signet.key-cache.ttl} after it
 * was loaded and {@code signet.key-cache.idle} after its last use, removed by a scheduler thread,
 * so idle plaintext keys leave the heap even when nothing touches the cache. Loading is
 * single-flight: concurrent signers of one version wait for one unseal. {@code
 * signet.key-cache.enabled=false} unseals on every signature.
 *
 * <p>Eviction: custody destroys a version's key-encryption key first and evicts second, and an
 * eviction waits for a load of the same key in progress, so no load can put an archived version's
 * key back. Retirements and archives on other instances reach this cache through {@link
 * io.signet.application.ForgetUnsignableKeys} about every second.
 *
 * <p>Security: entries are the JCA key objects; the JVM offers no reliable wipe of their internals.
 * The expiry bounds how long decrypted material stays reachable.
 */
@Singleton
public final class DecryptedKeyCache implements DecryptedKeys {
  private static final Counter HITS = requests("hit");
  private static final Counter MISSES = requests("miss");
  private final Cache<KeyName, UnsealedMlDsaKey> cache;

  @Inject
  DecryptedKeyCache(
      @Value("${signet.key-cache.enabled:true}") boolean enabled,
      @Value("${signet.key-cache.max-entries:1000}") int maxEntries,
      @Value("${signet.key-cache.ttl:10m}") Duration ttl,
      @Value("${signet.key-cache.idle:2m}") Duration idle) {
    this.cache =
        enabled
            ? Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(ttl)
                .expireAfterAccess(idle)
                .scheduler(Scheduler.systemScheduler())
                .build()
            : null;
  }

  /** The decrypted key of {@code name}, loaded once by {@code unseal} when absent. */
  UnsealedMlDsaKey get(KeyName name, Function<KeyName, UnsealedMlDsaKey> unseal) {
    if (cache == null) return unseal.apply(name);
    UnsealedMlDsaKey held = cache.getIfPresent(name);
    if (held != null) {
      HITS.increment();
      return held;
    }
    MISSES.increment();
    return cache.get(name, unseal);
  }

  void evict(KeyName name) {
    if (cache != null) cache.invalidate(name);
  }

  @Override
  public Set<KeyName> held() {
    return cache == null ? Set.of() : Set.copyOf(cache.asMap().keySet());
  }

  @Override
  public void forget(KeyName name) {
    evict(name);
  }

  private static Counter requests(String result) {
    return Counter.builder("signet.key.cache.requests")
        .description("lookups in the decrypted-key cache by result")
        .tag("result", result)
        .register(Metrics.globalRegistry);
  }
}
