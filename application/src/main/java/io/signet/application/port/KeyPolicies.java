package io.signet.application.port;

import io.signet.domain.key.KeyPolicy;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tenants' automatic key lifecycle policies. Atomic and durable per call. */
public interface KeyPolicies {
  /** Creates or replaces the tenant's policy. */
  void put(KeyPolicy policy, Instant at);

  Optional<KeyPolicy> find(TenantId tenant);

  /** Every policy that automates something. */
  List<KeyPolicy> all();
}
