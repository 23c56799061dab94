package io.signet.application.fake;

import io.signet.application.port.Transactions;
import java.util.function.Supplier;

/** Runs the work as it is: the in-memory fakes are each atomic per call. */
public final class DirectTransactions implements Transactions {
  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return work.get();
  }
}
