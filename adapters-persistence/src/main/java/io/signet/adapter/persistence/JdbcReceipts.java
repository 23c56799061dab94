package io.signet.adapter.persistence;

import io.micronaut.context.annotation.Value;
import io.signet.application.port.Receipts;
import io.signet.domain.Bytes;
import io.signet.domain.audit.RequestId;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.tenant.TenantId;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link Receipts} in PostgreSQL, written with group commit ({@link GroupCommit}): a receipt is
 * durable when {@link #record} returns. Lookups are by request id and tenant together, so another
 * tenant's receipt is simply not found. Retention deletes in batches through the time index.
 */
@Singleton
public final class JdbcReceipts implements Receipts {
  private static final String INSERT =
      "INSERT INTO receipt (request_id, tenant_id, request_sha256, response_sha256, at)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING";
  private final Sql sql;
  private final GroupCommit<Receipt> writer;

  JdbcReceipts(
      Sql sql,
      @Value("${signet.receipts.max-batch:256}") int maxBatch,
      @Value("${signet.receipts.timeout:10s}") Duration timeout) {
    this.sql = sql;
    this.writer = new GroupCommit<>("receipt log", this::write, maxBatch, timeout);
  }

  @Override
  public void record(Receipt receipt) {
    writer.submit(receipt);
  }

  @Override
  public Optional<Receipt> find(TenantId tenant, RequestId requestId) {
    return sql.queryOne(
        "SELECT request_id, tenant_id, request_sha256, response_sha256, at FROM receipt"
            + " WHERE request_id = ? AND tenant_id = ?",
        s -> {
          s.setObject(1, requestId.value());
          s.setObject(2, tenant.value());
        },
        row ->
            new Receipt(
                new RequestId(row.getObject("request_id", java.util.UUID.class)),
                new TenantId(row.getObject("tenant_id", java.util.UUID.class)),
                Bytes.of(row.getBytes("request_sha256")),
                Bytes.of(row.getBytes("response_sha256")),
                Sql.instant(row, "at")));
  }

  @Override
  public int deleteBefore(Instant cutoff, int limit) {
    return sql.update(
        "DELETE FROM receipt WHERE request_id IN"
            + " (SELECT request_id FROM receipt WHERE at < ? ORDER BY at LIMIT ?"
            + " FOR UPDATE SKIP LOCKED)",
        s -> {
          s.setObject(1, Sql.timestamp(cutoff));
          s.setInt(2, limit);
        });
  }

  private void write(List<Receipt> batch) {
    sql.write(
        c -> {
          try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (Receipt r : batch) {
              s.setObject(1, r.requestId().value());
              s.setObject(2, r.tenant().value());
              s.setBytes(3, r.requestSha256().toArray());
              s.setBytes(4, r.responseSha256().toArray());
              s.setObject(5, Sql.timestamp(r.at()));
              s.addBatch();
            }
            s.executeBatch();
          }
          return null;
        });
  }

  @PreDestroy
  void close() throws InterruptedException {
    writer.close();
  }
}
