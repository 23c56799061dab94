package io.signet.adapter.persistence;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Value;
import io.signet.application.port.SigningLog;
import io.signet.domain.SignetException;
import io.signet.domain.signing.SigningEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link SigningLog} in PostgreSQL with group commit: concurrent callers' events go into one
 * transaction (up to {@code signet.signing-log.max-batch} rows), written by a single writer; each
 * caller returns when the transaction holding its event has committed. One commit per batch instead
 * of one per signature keeps PostgreSQL off the critical path at high rates, and no caller is
 * answered before its record is durable.
 *
 * <p>The writer survives any failure of a batch, {@link Error}s included (the batch's callers get
 * 503, nothing is acknowledged); {@link #healthy()} (part of readiness) is false while the writer
 * is gone or a batch has been in flight longer than the timeout. On shutdown it stops taking
 * events, commits what is queued, and fails whatever it could not commit in time.
 */
@Singleton
public final class JdbcSigningLog implements SigningLog {
  private static final DistributionSummary BATCH_SIZE =
      DistributionSummary.builder("signet.signing.log.batch.size")
          .description("events per group commit of the signing log")
          .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
          .register(Metrics.globalRegistry);
  private static final Timer COMMIT =
      Timer.builder("signet.signing.log.commit")
          .description("time to write and commit one batch of the signing log")
          .publishPercentileHistogram()
          .register(Metrics.globalRegistry);
  private static final String INSERT =
      "INSERT INTO signature_event (at, tenant_id, algorithm, version, operation, payload_sha256, request_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  private final Sql sql;
  private final int maxBatch;
  private final Duration timeout;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean running = true;
  private volatile long batchStartedNanos;
  private volatile boolean writing;

  JdbcSigningLog(
      Sql sql,
      @Value("${signet.signing-log.max-batch:256}") int maxBatch,
      @Value("${signet.signing-log.timeout:10s}") Duration timeout) {
    this.sql = sql;
    this.maxBatch = maxBatch;
    this.timeout = timeout;
    this.writer = Thread.ofPlatform().daemon().name("signing-log-writer").start(this::writeLoop);
  }

  @Override
  public void record(SigningEvent event) {
    Pending pending = new Pending(event, new CompletableFuture<>());
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
      throw new SignetException.Unavailable("interrupted while recording the signature", e);
    }
  }

  /** A batch's events in one transaction, on the caller's thread: one commit for all of them. */
  @Override
  public void recordAll(List<SigningEvent> events) {
    if (events.isEmpty()) return;
    if (!running) throw new SignetException.Unavailable("signing log is shutting down", null);
    write(events.stream().map(e -> new Pending(e, null)).toList());
  }

  /**
   * True while the writer is there and not stuck: no batch has been in flight longer than the
   * timeout (a database that stopped answering shows here before the callers time out).
   */
  public boolean healthy() {
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
        BATCH_SIZE.record(batch.size());
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
    sql.write(
        c -> {
          try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (Pending p : batch) {
              SigningEvent e = p.event();
              s.setObject(1, Sql.timestamp(e.at()));
              s.setObject(2, e.key().tenant().value());
              s.setString(3, e.key().algorithm().shortName());
              s.setInt(4, e.key().version());
              s.setString(5, e.operation());
              s.setBytes(6, e.payloadSha256().toArray());
              s.setObject(7, e.requestId().value());
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  /** Stops taking events, commits what is queued (within the timeout), fails what is left. */
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

  private record Pending(SigningEvent event, CompletableFuture<Void> done) {}
}
