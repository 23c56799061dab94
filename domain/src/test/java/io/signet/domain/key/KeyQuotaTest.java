package io.signet.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.domain.SignetException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyQuotaTest {
  private static final Instant NOW = Instant.parse("2026-06-02T12:00:00Z");
  private final KeyQuota quota = new KeyQuota(3, 2);

  @Test
  void allowsOneMoreBelowBothQuotas() {
    assertThatCode(
            () ->
                quota.requireRoomForOneMore(
                    new KeyQuota.Usage(2, List.of(NOW.minusSeconds(60))), NOW))
        .doesNotThrowAnyException();
  }

  @Test
  void refusesTheLiveVersionOverTheQuotaAsAQuotaConflict() {
    assertThatThrownBy(() -> quota.requireRoomForOneMore(new KeyQuota.Usage(3, List.of()), NOW))
        .isInstanceOfSatisfying(
            SignetException.Conflict.class, c -> assertThat(c.quotaExceeded()).isTrue())
        .hasMessageContaining("at most 3")
        .hasMessageContaining("archive");
    assertThat(new SignetException.Conflict("lost a race").quotaExceeded()).isFalse();
  }

  @Test
  void refusesACreationOverTheDailyQuotaUntilTheOldestLeavesTheWindow() {
    Instant oldest = NOW.minus(Duration.ofHours(20));
    var usage = new KeyQuota.Usage(1, List.of(NOW.minusSeconds(10), oldest));
    assertThatThrownBy(() -> quota.requireRoomForOneMore(usage, NOW))
        .isInstanceOfSatisfying(
            SignetException.RateLimited.class,
            r -> {
              assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(4));
              assertThat(r.retryAfterSeconds()).isEqualTo(4 * 3600);
              assertThat(r.limit()).isEqualTo(2);
            })
        .hasMessageContaining("at most 2");
    assertThatCode(() -> quota.requireRoomForOneMore(usage, oldest.plus(KeyQuota.WINDOW)))
        .as("the oldest has left the window")
        .doesNotThrowAnyException();
  }

  @Test
  void waitsForTheCreationWhoseDepartureMakesRoomWhenOverTheQuota() {
    // Three in the window with a quota of two (the quota was lowered): two must leave.
    var usage =
        new KeyQuota.Usage(
            0,
            List.of(
                NOW.minus(Duration.ofHours(23)),
                NOW.minus(Duration.ofHours(10)),
                NOW.minus(Duration.ofHours(1))));
    assertThatThrownBy(() -> quota.requireRoomForOneMore(usage, NOW))
        .isInstanceOfSatisfying(
            SignetException.RateLimited.class,
            r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(14)));
  }

  @Test
  void creationsOutsideTheWindowDoNotCount() {
    var usage =
        new KeyQuota.Usage(
            0, List.of(NOW.minus(KeyQuota.WINDOW), NOW.minus(KeyQuota.WINDOW).minusSeconds(1)));
    assertThatCode(() -> quota.requireRoomForOneMore(usage, NOW)).doesNotThrowAnyException();
  }

  @Test
  void quotasAreAtLeastOne() {
    assertThatThrownBy(() -> new KeyQuota(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyQuota(1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutTheDailyLimitOnlyTheLiveVersionsCount() {
    KeyQuota quota = new KeyQuota(3, 1).withoutDailyLimit();
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    quota.requireRoomForOneMore(new KeyQuota.Usage(2, List.of(now, now, now)), now);
    assertThatThrownBy(() -> quota.requireRoomForOneMore(new KeyQuota.Usage(3, List.of()), now))
        .isInstanceOf(SignetException.Conflict.class);
  }
}
