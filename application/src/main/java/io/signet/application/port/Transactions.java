package io.signet.application.port;

import java.util.function.Supplier;

/**
 * Runs several port calls as one atomic unit: all of their effects commit together, or none do.
 * Nested calls join the outer unit. Never call the HSM inside one (HOUSE-STYLE rule 19).
 */
public interface Transactions {
  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}
