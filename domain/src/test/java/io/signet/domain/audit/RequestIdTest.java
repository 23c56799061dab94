package io.signet.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdTest {

  @Test
  void aNewIdIsAVersion7UuidCarryingTheTimeItWasMade() {
    long before = System.currentTimeMillis();
    UUID id = RequestId.next().value();
    long after = System.currentTimeMillis();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  void idsMadeInLaterMillisecondsSortAfterEarlierOnes() throws InterruptedException {
    UUID first = RequestId.next().value();
    Thread.sleep(2);
    UUID second = RequestId.next().value();

    // PostgreSQL orders uuid by its bytes, which is unsigned order of the high half first.
    assertThat(
            Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits()))
        .isNegative();
  }

  @Test
  void idsMadeInTheSameMillisecondStillDiffer() {
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      assertThat(seen.add(RequestId.next().value())).isTrue();
    }
  }
}
