package io.signet.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdTest {
  private static final Instant T0 = Instant.parse("2026-11-23T01:15:30.123Z");

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void aNewIdIsAVersion7UuidCarryingTheClocksMillisecond() {
    UUID id = RequestId.next(at(T0)).value();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(T0.toEpochMilli());
  }

  @Test
  void idsMadeInLaterMillisecondsSortAfterEarlierOnes() {
    UUID first = RequestId.next(at(T0)).value();
    UUID second = RequestId.next(at(T0.plusMillis(1))).value();

    // PostgreSQL orders uuid by its bytes: unsigned order of the high half first.
    assertThat(
            Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits()))
        .isNegative();
  }

  @Test
  void idsMadeInTheSameMillisecondStillDiffer() {
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(RequestId.next(at(T0)).value())).isTrue();
    }
  }
}
