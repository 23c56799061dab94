package io.signet.application.port;

import io.signet.domain.key.KeyPolicy;
import java.time.Instant;
import java.util.List;

/** Tenants' automatic key lifecycle policies. Atomic and durable per call. */
public interface KeyPolicies {
  /** Creates or replaces the tenant's policy. */
  void put(KeyPolicy policy, Instant at);

  /** Every policy that automates something. */
  List<KeyPolicy> all();
}
