package io.signet.application.fake;

import io.signet.application.port.KeyPolicies;
import io.signet.domain.key.KeyPolicy;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link KeyPolicies} in memory. */
public final class InMemoryKeyPolicies implements KeyPolicies {
  private final Map<TenantId, KeyPolicy> policies = new ConcurrentHashMap<>();

  @Override
  public void put(KeyPolicy policy, Instant at) {
    policies.put(policy.tenant(), policy);
  }

  @Override
  public List<KeyPolicy> all() {
    return policies.values().stream()
        .filter(p -> p.rotateAfter() != null || p.archiveAfter() != null)
        .toList();
  }
}
