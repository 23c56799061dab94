package io.signet.application.fake;

import io.signet.application.port.ServiceKeys;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.service.ServiceKeyPurpose;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link ServiceKeys} in memory, every call atomic. Passes {@code ServiceKeysContract}. */
public final class InMemoryServiceKeys implements ServiceKeys {
  private final Map<ServiceKeyName, Claim> claims = new HashMap<>();
  private final Map<ServiceKeyName, ServiceKey> keys = new HashMap<>();

  @Override
  public synchronized boolean claim(ServiceKeyName name, String claimant, Instant now) {
    if (claims.containsKey(name) || keys.containsKey(name)) return false;
    if (pending(name.purpose(), name.algorithm()).isPresent()) return false;
    claims.put(name, new Claim(name, claimant, now));
    return true;
  }

  @Override
  public synchronized boolean takeOver(
      ServiceKeyName name, String claimant, Instant staleBefore, Instant now) {
    Claim claim = claims.get(name);
    if (claim == null || !claim.claimedAt().isBefore(staleBefore)) return false;
    claims.put(name, new Claim(name, claimant, now));
    return true;
  }

  @Override
  public synchronized boolean complete(ServiceKey key, String claimant) {
    Claim claim = claims.get(key.name());
    if (claim == null || !claim.claimant().equals(claimant)) return false;
    claims.remove(key.name());
    current(key.name().purpose(), key.name().algorithm())
        .ifPresent(
            old ->
                keys.put(
                    old.name(),
                    new ServiceKey(
                        old.name(),
                        ServiceKey.Status.PREVIOUS,
                        old.publicKey(),
                        old.address(),
                        old.protection(),
                        old.sealedPrivateKey(),
                        old.createdAt())));
    keys.put(
        key.name(),
        new ServiceKey(
            key.name(),
            ServiceKey.Status.CURRENT,
            key.publicKey(),
            key.address(),
            key.protection(),
            key.sealedPrivateKey(),
            key.createdAt()));
    return true;
  }

  @Override
  public synchronized Optional<Claim> pending(
      ServiceKeyPurpose purpose, ServiceAlgorithm algorithm) {
    return claims.values().stream()
        .filter(c -> c.name().purpose() == purpose && c.name().algorithm() == algorithm)
        .findFirst();
  }

  @Override
  public synchronized Optional<ServiceKey> current(
      ServiceKeyPurpose purpose, ServiceAlgorithm algorithm) {
    return keys.values().stream()
        .filter(
            k ->
                k.name().purpose() == purpose
                    && k.name().algorithm() == algorithm
                    && k.status() == ServiceKey.Status.CURRENT)
        .findFirst();
  }

  @Override
  public synchronized Optional<ServiceKey> find(ServiceKeyName name) {
    return Optional.ofNullable(keys.get(name));
  }

  @Override
  public synchronized int latestVersion(ServiceKeyPurpose purpose, ServiceAlgorithm algorithm) {
    List<ServiceKeyName> names = new ArrayList<>(claims.keySet());
    names.addAll(keys.keySet());
    return names.stream()
        .filter(n -> n.purpose() == purpose && n.algorithm() == algorithm)
        .mapToInt(ServiceKeyName::version)
        .max()
        .orElse(0);
  }

  @Override
  public synchronized List<ServiceKey> all() {
    return keys.values().stream()
        .sorted(
            Comparator.comparing((ServiceKey k) -> k.name().purpose().wireName())
                .thenComparing(k -> k.name().algorithm().wireName())
                .thenComparingInt(k -> -k.name().version()))
        .toList();
  }
}
