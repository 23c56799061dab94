package io.signet.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void allowsABurstUpToCapacityThenRefusesWithTheWait() {
    TokenBucket bucket = new TokenBucket(100, 10, T0);
    for (int i = 0; i < 10; i++) assertThat(bucket.take(10, T0).allowed()).isTrue();
    TokenBucket.Decision refused = bucket.take(10, T0);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.remaining()).isZero();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void refillsAtItsRateButNeverAboveCapacity() {
    TokenBucket bucket = new TokenBucket(100, 10, T0);
    bucket.take(100, T0);
    assertThat(bucket.take(5, T0.plusMillis(499)).allowed()).isFalse();
    assertThat(bucket.take(5, T0.plusMillis(500)).allowed()).isTrue();
    assertThat(bucket.take(1, T0.plus(Duration.ofHours(1))).remaining()).isEqualTo(99);
  }

  @Test
  void aRefusalCostsNothing() {
    TokenBucket bucket = new TokenBucket(10, 1, T0);
    assertThat(bucket.take(11, T0).allowed()).isFalse();
    assertThat(bucket.take(10, T0).allowed()).isTrue();
  }

  @Test
  void timeGoingBackwardsDoesNotMintTokens() {
    TokenBucket bucket = new TokenBucket(10, 1, T0);
    bucket.take(10, T0);
    assertThat(bucket.take(1, T0.minusSeconds(100)).allowed()).isFalse();
  }
}
