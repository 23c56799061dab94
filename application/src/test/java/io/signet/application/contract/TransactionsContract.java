package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.port.Transactions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Transactions} must do with the work it is given. That a failed unit leaves no
 * effect is a property of the stores it spans, proven where they are real (the JDBC adapter's IT
 * adds it); the in-memory fakes are atomic per call and are never asked to roll back.
 */
public abstract class TransactionsContract {
  protected abstract Transactions transactions();

  @Test
  void runsTheWorkOnceAndReturnsItsResult() {
    AtomicInteger runs = new AtomicInteger();
    assertThat(transactions().inTransaction(() -> runs.incrementAndGet() * 10)).isEqualTo(10);
    transactions().run(runs::incrementAndGet);
    assertThat(runs).hasValue(2);
  }

  @Test
  void aFailureReachesTheCallerUnchanged() {
    IllegalStateException failure = new IllegalStateException("work failed");
    assertThatThrownBy(
            () ->
                transactions()
                    .inTransaction(
                        () -> {
                          throw failure;
                        }))
        .isSameAs(failure);
  }

  @Test
  void aNestedUnitJoinsTheOuterOne() {
    AtomicInteger order = new AtomicInteger();
    int result =
        transactions()
            .inTransaction(
                () -> {
                  order.compareAndSet(0, 1);
                  int inner = transactions().inTransaction(() -> order.compareAndSet(1, 2) ? 7 : 0);
                  return inner + order.get();
                });
    assertThat(result).isEqualTo(9);
  }
}
