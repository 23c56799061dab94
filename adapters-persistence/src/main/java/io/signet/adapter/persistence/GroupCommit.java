package io.signet.adapter.persistence;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.signet.domain.SignetException;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.signing.SigningEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one group-commit writer of the signing log and the receipts: concurrent callers' entries (a
 * response's signing events, its receipt, or both) go into one transaction (up to {@code
 * signet.signing-log.max-batch} entries), written by a single writer thread; each caller returns
 * when the transaction holding its entry has committed (or continues then: {@link #submit} is
 * asynchronous). One commit per batch instead of one per response keeps PostgreSQL off the critical
 * path at high rates; an entry is never split, so a signature's signing-log row and the receipt of
 * the response that releases it commit together or not at all, and no caller is answered before its
 * entry is durable.
 *
 * <p>The writer survives any failure of a batch, {@link Error}s included (the batch's callers get
 * 503, nothing is acknowledged); {@link #healthy()} (part of readiness) is false while the writer
 * is gone or a batch has been in flight longer than the timeout. On shutdown it stops taking
 * entries, commits what is queued, and fails whatever it could not commit in time.
 */
@Singleton
final class GroupCommit {
  private static final DistributionSummary BATCH_SIZE =
      DistributionSummary.builder("signet.signing.log.batch.size")
          .description("rows (signature records and receipts) per group commit")
          .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
          .register(Metrics.globalRegistry);
  private static final Timer COMMIT =
      Timer.builder("signet.signing.log.commit")
          .description(
              "time to write and commit one group commit of signature records and receipts")
          .publishPercentileHistogram()
          .register(Metrics.globalRegistry);
  // A batch is one statement in autocommit (one round trip, one transaction): each table's rows as
  // arrays, so PostgreSQL plans, checks and executes once per batch instead of once per row, and
  // when a batch has both, the signing-log rows in a data-modifying WITH of the receipts' INSERT.
  private static final String EVENTS =
      "INSERT INTO signature_event (at, tenant_id, algorithm, version, operation, payload_sha256, request_id)"
          + " SELECT * FROM unnest(?::timestamptz[], ?::uuid[], ?::text[], ?::int[], ?::text[],"
          + " ?::bytea[], ?::uuid[])";
  private static final String RECEIPTS =
      "INSERT INTO receipt (request_id, tenant_id, request_sha256, response_sha256, at)"
          + " SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::bytea[], ?::bytea[], ?::timestamptz[])"
          + " ON CONFLICT (request_id) DO NOTHING";
  private static final String EVENTS_AND_RECEIPTS = "WITH events AS (" + EVENTS + ") " + RECEIPTS;
  private final Sql sql;
  private final int maxBatch;
  private final Duration timeout;
  private final long gatherNanos;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  // One clock for every caller's deadline (a timer per caller costs a wake-up per response).
  private final ScheduledExecutorService deadlines =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("signing-log-deadlines").factory());
  private final ScheduledFuture<?> expiring;
  private volatile List<Pending> inFlight = List.of();
  private volatile boolean running = true;
  private volatile long batchStartedNanos;
  private volatile boolean writing;

  GroupCommit(
      Sql sql,
      @Value("${signet.signing-log.max-batch:256}") int maxBatch,
      @Value("${signet.signing-log.timeout:10s}") Duration timeout,
      @Value("${signet.signing-log.gather:2ms}") Duration gather) {
    this.sql = sql;
    this.maxBatch = maxBatch;
    this.timeout = timeout;
    this.gatherNanos = gather.toNanos();
    this.writer = Thread.ofPlatform().daemon().name("signing-log-writer").start(this::writeLoop);
    long every = Math.clamp(timeout.toNanos() / 10, 1_000_000L, 1_000_000_000L);
    this.expiring =
        deadlines.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.NANOSECONDS);
  }

  /**
   * What one caller makes durable at once: the signing events of a response, its receipt, or both.
   */
  record Entry(List<SigningEvent> events, @Nullable Receipt receipt) {
    Entry {
      events = List.copyOf(events);
    }

    static Entry of(List<SigningEvent> events) {
      return new Entry(events, null);
    }

    int rows() {
      return events.size() + (receipt == null ? 0 : 1);
    }
  }

  /**
   * Queues {@code entry}: the future completes once the transaction holding it has committed, and
   * fails with what the database failure means ({@link PersistenceErrors}), or with Unavailable
   * when it was not committed within the timeout or the log is shutting down. It may complete on
   * the writer thread, which completes a whole batch before it starts the next: a caller that does
   * more than hand over continues on its own executor.
   */
  CompletableFuture<Void> submit(Entry entry) {
    if (!running) return CompletableFuture.failedFuture(shuttingDown());
    Pending pending =
        new Pending(entry, new CompletableFuture<>(), System.nanoTime() + timeout.toNanos());
    queue.add(pending);
    if (!running && !writer.isAlive() && queue.remove(pending)) {
      return CompletableFuture.failedFuture(shuttingDown());
    }
    return pending.done();
  }

  /** Returns once {@code entry} is committed; throws what {@link #submit} fails with. */
  void commit(Entry entry) {
    try {
      submit(entry).get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure
          ? failure
          : new IllegalStateException("signing log failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SignetException.Unavailable("interrupted while waiting for the signing log", e);
    }
  }

  /**
   * Fails every caller whose deadline has passed, queued or in a batch in flight (the batch may
   * still commit: in doubt, like any answer lost in transit). Runs every tenth of the timeout.
   */
  private void expire() {
    long now = System.nanoTime();
    for (Pending p : inFlight) {
      if (p.expiredAt(now)) p.done().completeExceptionally(notInTime());
    }
    for (Pending p : queue) { // oldest first: the first one in time ends the pass
      if (!p.expiredAt(now)) break;
      p.done().completeExceptionally(notInTime());
    }
  }

  private static SignetException notInTime() {
    return new SignetException.Unavailable(
        "database unavailable: the signing log did not commit in time", null);
  }

  /**
   * True while the writer and the deadline clock are there and the writer is not stuck: no batch
   * has been in flight longer than the timeout (a database that stopped answering shows here before
   * the callers time out).
   */
  boolean healthy() {
    return writer.isAlive()
        && !expiring.isDone()
        && !(writing && System.nanoTime() - batchStartedNanos > timeout.toNanos());
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    boolean concurrent = false;
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        // Under concurrency (the last batch had company), let more callers join before writing:
        // one commit per many responses instead of one per few (with no thread parked per
        // response, callers arrive spread out and batches were a few rows each). A lone caller
        // never waits.
        if (concurrent && running && gatherNanos > 0) TimeUnit.NANOSECONDS.sleep(gatherNanos);
        queue.drainTo(batch, maxBatch - 1);
        concurrent = batch.size() > 1;
        // A caller already answered (its deadline passed while queued) is not written.
        batch.removeIf(p -> p.done().isDone());
        if (batch.isEmpty()) continue;
        inFlight = List.copyOf(batch);
        batchStartedNanos = System.nanoTime();
        writing = true;
        BATCH_SIZE.record(batch.stream().mapToInt(p -> p.entry().rows()).sum());
        COMMIT.record(() -> write(batch));
        batch.forEach(p -> p.done().complete(null));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Throwable e) {
        // Any failure, an Error included (out of memory, a driver defect), fails only this batch:
        // its callers get 503 and the writer carries on with the next one.
        RuntimeException failure = PersistenceErrors.translate(e);
        batch.forEach(p -> p.done().completeExceptionally(failure));
      } finally {
        writing = false;
        inFlight = List.of();
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) {
    List<SigningEvent> events = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    for (Pending p : batch) {
      events.addAll(p.entry().events());
      if (p.entry().receipt() != null) receipts.add(p.entry().receipt());
    }
    if (events.isEmpty() && receipts.isEmpty()) return;
    String statement =
        events.isEmpty() ? RECEIPTS : receipts.isEmpty() ? EVENTS : EVENTS_AND_RECEIPTS;
    sql.autocommit(
        c -> {
          try (PreparedStatement s = c.prepareStatement(statement)) {
            int next = 1;
            if (!events.isEmpty()) next = bindEvents(c, s, next, events);
            if (!receipts.isEmpty()) bindReceipts(c, s, next, receipts);
            return s.executeUpdate();
          }
        });
  }

  /** Binds the events' columns as seven arrays from {@code first}; returns the next index. */
  private static int bindEvents(
      Connection c, PreparedStatement s, int first, List<SigningEvent> events) throws SQLException {
    int n = events.size();
    String[] at = new String[n];
    UUID[] tenant = new UUID[n];
    String[] algorithm = new String[n];
    Integer[] version = new Integer[n];
    String[] operation = new String[n];
    byte[][] payload = new byte[n][];
    UUID[] request = new UUID[n];
    for (int i = 0; i < n; i++) {
      SigningEvent e = events.get(i);
      at[i] = e.at().toString();
      tenant[i] = e.key().tenant().value();
      algorithm[i] = e.key().algorithm().shortName();
      version[i] = e.key().version();
      operation[i] = e.operation();
      payload[i] = e.payloadSha256().toArray();
      request[i] = e.requestId().value();
    }
    s.setArray(first, c.createArrayOf("timestamptz", at));
    s.setArray(first + 1, c.createArrayOf("uuid", tenant));
    s.setArray(first + 2, c.createArrayOf("text", algorithm));
    s.setArray(first + 3, c.createArrayOf("int4", version));
    s.setArray(first + 4, c.createArrayOf("text", operation));
    s.setArray(first + 5, c.createArrayOf("bytea", payload));
    s.setArray(first + 6, c.createArrayOf("uuid", request));
    return first + 7;
  }

  /** Binds the receipts' columns as five arrays from {@code first}. */
  private static void bindReceipts(
      Connection c, PreparedStatement s, int first, List<Receipt> receipts) throws SQLException {
    int n = receipts.size();
    UUID[] request = new UUID[n];
    UUID[] tenant = new UUID[n];
    byte[][] requestSha256 = new byte[n][];
    byte[][] responseSha256 = new byte[n][];
    String[] at = new String[n];
    for (int i = 0; i < n; i++) {
      Receipt r = receipts.get(i);
      request[i] = r.requestId().value();
      tenant[i] = r.tenant().value();
      requestSha256[i] = r.requestSha256().toArray();
      responseSha256[i] = r.responseSha256().toArray();
      at[i] = r.at().toString();
    }
    s.setArray(first, c.createArrayOf("uuid", request));
    s.setArray(first + 1, c.createArrayOf("uuid", tenant));
    s.setArray(first + 2, c.createArrayOf("bytea", requestSha256));
    s.setArray(first + 3, c.createArrayOf("bytea", responseSha256));
    s.setArray(first + 4, c.createArrayOf("timestamptz", at));
  }

  /** Stops taking entries, commits what is queued (within the timeout), fails what is left. */
  @PreDestroy
  void close() throws InterruptedException {
    running = false;
    writer.join(timeout.toMillis());
    deadlines.shutdownNow();
    for (Pending left; (left = queue.poll()) != null; ) {
      left.done().completeExceptionally(shuttingDown());
    }
  }

  private static SignetException shuttingDown() {
    return new SignetException.Unavailable("signing log is shutting down", null);
  }

  private record Pending(Entry entry, CompletableFuture<Void> done, long deadlineNanos) {
    boolean expiredAt(long nowNanos) {
      return nowNanos - deadlineNanos > 0;
    }
  }
}
