package io.signet.adapter.persistence;

import io.signet.application.port.Receipts;
import io.signet.domain.Bytes;
import io.signet.domain.audit.RequestId;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.tenant.TenantId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@link Receipts} in PostgreSQL, written by the one group-commit writer ({@link GroupCommit}) that
 * the signing log shares: a receipt, with the signing events of its response, is durable when the
 * stage {@link #record} returns completes, both in the same transaction. Lookups are by request id
 * and tenant together, so another tenant's receipt is simply not found. Retention deletes in
 * batches through the time index.
 */
@Singleton
public final class JdbcReceipts implements Receipts {
  private final Sql sql;
  private final GroupCommit commit;

  JdbcReceipts(Sql sql, GroupCommit commit) {
    this.sql = sql;
    this.commit = commit;
  }

  @Override
  public CompletionStage<Void> record(Receipt receipt, List<SigningEvent> signatures) {
    return commit.submit(new GroupCommit.Entry(signatures, receipt));
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
}
