package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.KeyPolicies;
import io.signet.domain.key.KeyPolicy;
import io.signet.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link KeyPolicies} must do. Subclasses give a store shared across tests. */
public abstract class KeyPoliciesContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

  protected abstract KeyPolicies policies();

  /** A tenant the store has never seen a policy for (and that exists, where that matters). */
  protected abstract TenantId newTenant();

  private List<KeyPolicy> of(TenantId tenant) {
    return policies().all().stream().filter(p -> p.tenant().equals(tenant)).toList();
  }

  @Test
  void listsEveryPolicyThatAutomatesSomething() {
    TenantId both = newTenant();
    TenantId rotateOnly = newTenant();
    TenantId archiveOnly = newTenant();
    KeyPolicy bothPolicy = new KeyPolicy(both, Duration.ofDays(30), Duration.ofDays(7));
    KeyPolicy rotatePolicy = new KeyPolicy(rotateOnly, Duration.ofDays(90), null);
    KeyPolicy archivePolicy = new KeyPolicy(archiveOnly, null, Duration.ofDays(1));
    policies().put(bothPolicy, T0);
    policies().put(rotatePolicy, T0);
    policies().put(archivePolicy, T0);
    assertThat(policies().all()).contains(bothPolicy, rotatePolicy, archivePolicy);
  }

  @Test
  void aPutReplacesTheTenantsPolicy() {
    TenantId tenant = newTenant();
    policies().put(new KeyPolicy(tenant, Duration.ofDays(30), null), T0);
    KeyPolicy replacement = new KeyPolicy(tenant, null, Duration.ofDays(10));
    policies().put(replacement, T0.plusSeconds(1));
    assertThat(of(tenant)).containsExactly(replacement);
  }

  @Test
  void aPolicyThatAutomatesNothingIsNotListed() {
    TenantId tenant = newTenant();
    policies().put(new KeyPolicy(tenant, Duration.ofDays(30), Duration.ofDays(7)), T0);
    policies().put(new KeyPolicy(tenant, null, null), T0.plusSeconds(1));
    assertThat(of(tenant)).isEmpty();
  }
}
