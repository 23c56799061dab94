package io.signet.adapter.persistence;

import io.signet.domain.SignetException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Group commit: concurrent callers' items go into one transaction (up to {@code maxBatch}), written
 * by a single writer thread; each caller returns when the transaction holding its item has
 * committed, or gets Unavailable. One commit per batch instead of one per item keeps PostgreSQL off
 * the critical path at high rates, and no caller is answered before its item is durable.
 */
final class GroupCommit<T> {
  private final Consumer<List<T>> writeBatch;
  private final int maxBatch;
  private final Duration timeout;
  private final String what;
  private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;

  /** {@code writeBatch} writes and commits its items in one transaction, or throws. */
  GroupCommit(String what, Consumer<List<T>> writeBatch, int maxBatch, Duration timeout) {
    this.what = what;
    this.writeBatch = writeBatch;
    this.maxBatch = maxBatch;
    this.timeout = timeout;
    this.writer = Thread.ofPlatform().daemon().name(what + "-writer").start(this::writeLoop);
  }

  /** Returns once {@code item} is committed. */
  void submit(T item) {
    if (!running) throw new SignetException.Unavailable(what + " is shutting down", null);
    Pending<T> pending = new Pending<>(item, new CompletableFuture<>());
    queue.add(pending);
    try {
      pending.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw PersistenceErrors.translate(e.getCause());
    } catch (TimeoutException e) {
      throw new SignetException.Unavailable(
          "database unavailable: the " + what + " did not commit in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SignetException.Unavailable("interrupted while writing the " + what, e);
    }
  }

  private void writeLoop() {
    List<Pending<T>> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Pending<T> first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        writeBatch.accept(batch.stream().map(Pending::item).toList());
        batch.forEach(p -> p.done().complete(null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        batch.forEach(p -> p.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  /** Stops taking items, writes what is queued, and waits for the writer (at most the timeout). */
  void close() throws InterruptedException {
    running = false;
    writer.join(timeout.toMillis());
  }

  private record Pending<T>(T item, CompletableFuture<Void> done) {}
}
