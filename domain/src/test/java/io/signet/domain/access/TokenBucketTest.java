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
    bucket.take(5, T0);
    assertThat(bucket.take(6, T0).allowed()).isFalse();
    assertThat(bucket.take(5, T0).allowed()).isTrue();
  }

  @Test
  void aRequestCostingMoreThanTheCapacityPassesFromAFullBucketAndLeavesADebt() {
    TokenBucket bucket = new TokenBucket(100, 10, T0);
    bucket.take(1, T0);
    TokenBucket.Decision notFull = bucket.take(250, T0);
    assertThat(notFull.allowed()).as("not from a bucket that is not full").isFalse();
    assertThat(notFull.retryAfter())
        .as("until full, when it will pass")
        .isEqualTo(Duration.ofMillis(100));

    TokenBucket.Decision passed = bucket.take(250, T0.plusMillis(100));
    assertThat(passed.allowed()).isTrue();
    assertThat(passed.remaining()).as("never negative in the headers").isZero();
    assertThat(passed.untilFull()).isEqualTo(Duration.ofSeconds(25));

    TokenBucket.Decision indebted = bucket.take(10, T0.plusMillis(100));
    assertThat(indebted.allowed()).isFalse();
    assertThat(indebted.retryAfter())
        .as("the debt of 150 and the cost of 10")
        .isEqualTo(Duration.ofSeconds(16));
    assertThat(bucket.take(10, T0.plusMillis(100).plusSeconds(16)).allowed()).isTrue();
  }

  @Test
  void theRestOfARequestPartlyPaidPassesAsTheWholeWouldHave() {
    TokenBucket full = new TokenBucket(100, 10, T0);
    full.take(10, T0);
    assertThat(full.take(240, 10, T0).allowed()).as("250 in all, begun on a full bucket").isTrue();

    TokenBucket notFull = new TokenBucket(100, 10, T0);
    notFull.take(1, T0);
    notFull.take(10, T0);
    TokenBucket.Decision refused = notFull.take(240, 10, T0);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(100));
    // Taken again from its start at the promised time, the whole passes.
    Instant promised = T0.plus(refused.retryAfter());
    assertThat(notFull.take(10, promised).allowed()).isTrue();
    assertThat(notFull.take(240, 10, promised).allowed()).isTrue();
  }

  @Test
  void aRefusedRestGivesBackWhatWasPaid() {
    TokenBucket bucket = new TokenBucket(100, 10, T0);
    bucket.take(50, T0);
    bucket.take(10, T0); // the first part of a request whose rest is refused
    assertThat(bucket.take(90, 10, T0).allowed()).isFalse();
    assertThat(bucket.take(50, T0).allowed()).as("the 10 came back").isTrue();
  }

  @Test
  void resizingKeepsHowFarTheBucketIsFromFullDebtIncluded() {
    TokenBucket bucket = new TokenBucket(100, 10, T0);
    bucket.take(250, T0); // owes 150: 25 s until full
    TokenBucket half = bucket.resized(50, 5, T0);
    assertThat(half.take(1, T0).untilFull())
        .as("refused, as before")
        .isEqualTo(Duration.ofSeconds(25));
    TokenBucket back = half.resized(100, 10, T0);
    assertThat(back.take(1, T0).allowed()).isFalse();
    assertThat(back.take(100, T0.plusSeconds(26)).allowed()).isTrue();
  }

  @Test
  void timeGoingBackwardsDoesNotMintTokens() {
    TokenBucket bucket = new TokenBucket(10, 1, T0);
    bucket.take(10, T0);
    assertThat(bucket.take(1, T0.minusSeconds(100)).allowed()).isFalse();
  }
}
