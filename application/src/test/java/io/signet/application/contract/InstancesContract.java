package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.Instances;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Instances} must do. Instances of other tests may share the registry, so counts
 * are compared before and after rather than absolutely.
 */
public abstract class InstancesContract {
  private static final Duration LONG = Duration.ofMinutes(10);

  /** The registry under test; may hold other instances. */
  protected abstract Instances instances();

  @Test
  void countsTheBeatingInstanceItself() {
    assertThat(instances().beat(UUID.randomUUID(), LONG)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void countsEveryInstanceThatBeatWithinTheExpiry() {
    UUID first = UUID.randomUUID();
    int before = instances().beat(first, LONG);
    UUID second = UUID.randomUUID();
    assertThat(instances().beat(second, LONG)).isEqualTo(before + 1);
    assertThat(instances().beat(first, LONG)).isEqualTo(before + 1);
  }

  @Test
  void forgetsInstancesThatStoppedBeating() throws InterruptedException {
    UUID quiet = UUID.randomUUID();
    instances().beat(quiet, LONG);
    Thread.sleep(300);
    UUID other = UUID.randomUUID();
    int recent = instances().beat(other, Duration.ofMillis(150));
    int all = instances().beat(other, LONG);
    assertThat(recent).isLessThan(all);
  }

  @Test
  void forgetsAnInstanceThatLeft() {
    UUID leaving = UUID.randomUUID();
    UUID staying = UUID.randomUUID();
    instances().beat(leaving, LONG);
    int with = instances().beat(staying, LONG);
    instances().leave(leaving);
    instances().leave(leaving);
    assertThat(instances().beat(staying, LONG)).isEqualTo(with - 1);
  }
}
