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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one group-commit writer of the signing log and the receipts: concurrent callers' entries (a
 * response's signing events, its receipt, or both) go into one transaction (up to {@code
 * signet.signing-log.max-batch} entries), written by a single writer thread; each caller returns
 * when the transaction holding its entry has committed. One commit per batch instead of one per
 * response keeps PostgreSQL off the critical path at high rates; an entry is never split, so a
 * signature's signing-log row and the receipt of the response that releases it commit together or
 * not at all, and no caller is answered before its entry is durable.
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
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;
  private volatile long batchStartedNanos;
  private volatile boolean writing;

  GroupCommit(
      Sql sql,
      @Value("${signet.signing-log.max-batch:256}") int maxBatch,
      @Value("${signet.signing-log.timeout:10s}") Duration timeout) {
    this.sql = sql;
    this.maxBatch = maxBatch;
    this.timeout = timeout;
    this.writer = Thread.ofPlatform().daemon().name("signing-log-writer").start(this::writeLoop);
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

  /** Returns once {@code entry} is committed; Unavailable when it was not. */
  void submit(Entry entry) {
    Pending pending = new Pending(entry, new CompletableFuture<>());
    if (!running) throw shuttingDown();
    queue.add(pending);
    if (!running && !writer.isAlive() && queue.remove(pending)) throw shuttingDown();
    try {
      pending.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw PersistenceErrors.translate(e.getCause());
    } catch (TimeoutException e) {
      throw new SignetException.Unavailable(
          "database unavailable: the signing log did not commit in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SignetException.Unavailable("interrupted while waiting for the signing log", e);
    }
  }

  /**
   * True while the writer is there and not stuck: no batch has been in flight longer than the
   * timeout (a database that stopped answering shows here before the callers time out).
   */
  boolean healthy() {
    return writer.isAlive()
        && !(writing && System.nanoTime() - batchStartedNanos > timeout.toNanos());
  }

  private void writeLoop() {
    List<Pending> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
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
        batch.forEach(p -> p.done().completeExceptionally(e));
      } finally {
        writing = false;
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
    for (Pending left; (left = queue.poll()) != null; ) {
      left.done().completeExceptionally(shuttingDown());
    }
  }

  private static SignetException shuttingDown() {
    return new SignetException.Unavailable("signing log is shutting down", null);
  }

  private record Pending(Entry entry, CompletableFuture<Void> done) {}
}
