package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.fake.InMemoryInstances;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.Principal;
import io.signet.domain.access.Scope;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Rate-limit budgets follow the number of live instances, as their heartbeats report it. */
class RateLimitSharesTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
  private final Map<Plan, ChargeRequest.Budget> budgets =
      Map.of(
          Plan.FREE, new ChargeRequest.Budget(100, 200),
          Plan.STANDARD, new ChargeRequest.Budget(100, 200),
          Plan.ENTERPRISE, new ChargeRequest.Budget(100, 200));
  private final Principal caller =
      new Principal(
          TenantId.random(), new ApiKeyId(UUID.randomUUID()), Set.of(Scope.SIGN), Plan.FREE);

  @Test
  void eachInstanceEnforcesItsShareOfTheLiveInstances() {
    InMemoryInstances registry = new InMemoryInstances(clock);
    TrackInstances self = new TrackInstances(registry, UUID.randomUUID(), Duration.ofSeconds(15));
    ChargeRequest charge = new ChargeRequest(budgets, self::live, clock);
    assertThat(charge.limit(caller)).isEqualTo(200);

    registry.beat(UUID.randomUUID(), Duration.ofSeconds(15));
    assertThat(self.beat()).isEqualTo(2);
    assertThat(charge.limit(caller)).isEqualTo(100);
    charge.charge(caller, 100);
    assertThatThrownBy(() -> charge.charge(caller, 1))
        .isInstanceOf(SignetException.RateLimited.class);
  }

  @Test
  void aStoppedInstancesShareReturnsToTheOthers() {
    InMemoryInstances registry = new InMemoryInstances(clock);
    UUID other = UUID.randomUUID();
    registry.beat(other, Duration.ofSeconds(15));
    TrackInstances self = new TrackInstances(registry, UUID.randomUUID(), Duration.ofSeconds(15));
    ChargeRequest charge = new ChargeRequest(budgets, self::live, clock);
    self.beat();
    assertThat(charge.limit(caller)).isEqualTo(100);
    registry.leave(other);
    self.beat();
    assertThat(charge.limit(caller)).isEqualTo(200);
    charge.charge(caller, 150);
  }

  @Test
  void aChangeInTheNumberOfInstancesNeitherForgivesADebtNorGrantsAFreshBurst() {
    java.util.concurrent.atomic.AtomicInteger live =
        new java.util.concurrent.atomic.AtomicInteger(2);
    ChargeRequest charge = new ChargeRequest(budgets, live::get, clock); // the clock stands still
    charge.charge(caller, 50); // half of this instance's share (100)
    live.set(1);
    assertThatThrownBy(() -> charge.charge(caller, 101))
        .as("half of the whole budget (200) is left, not a fresh one")
        .isInstanceOf(SignetException.RateLimited.class);
    charge.charge(caller, 100);

    ChargeRequest indebted = new ChargeRequest(budgets, live::get, clock);
    indebted.charge(caller, 1000); // five times the burst: passes from a full budget, owes 800
    for (int instances : new int[] {3, 2, 3, 1}) {
      live.set(instances);
      assertThatThrownBy(() -> indebted.charge(caller, 1))
          .as("still in debt with %d instances", instances)
          .isInstanceOf(SignetException.RateLimited.class);
    }
  }
}
