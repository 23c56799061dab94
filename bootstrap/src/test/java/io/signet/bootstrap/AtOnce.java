package io.signet.bootstrap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntFunction;

/**
 * Calls made at the same moment, to race instances: each on a virtual thread, released together.
 */
final class AtOnce {
  private AtOnce() {}

  /**
   * Makes the {@code n} calls {@code call.apply(0)} … {@code call.apply(n - 1)} at once and returns
   * their results in that order. A call that throws fails the whole (a test's client must not fail
   * silently): wrap what a call may throw into its result where that is an outcome to count.
   */
  static <T> List<T> run(int n, IntFunction<T> call) throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    Object[] results = new Object[n];
    Throwable[] failures = new Throwable[n];
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      callers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      go.await();
                      results[index] = call.apply(index);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      failures[index] = e;
                    } catch (RuntimeException | Error e) {
                      failures[index] = e;
                    }
                  }));
    }
    go.countDown();
    for (Thread caller : callers) caller.join();
    for (Throwable failure : failures) {
      if (failure != null) throw new AssertionError("a concurrent call failed", failure);
    }
    @SuppressWarnings("unchecked")
    List<T> all = (List<T>) Arrays.asList(results);
    return all;
  }
}
