package io.signet.application.port;

import io.signet.domain.audit.RequestId;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * The receipts of tenant responses. {@link #record} returns once the receipt is durable, so the
 * response it describes may then be sent; implementations may batch concurrent receipts into one
 * commit.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable}; the response must then not be
 * sent as it was.
 */
public interface Receipts {
  /** Stores {@code receipt}; durable on return. */
  void record(Receipt receipt);

  /** The receipt of {@code requestId} if it belongs to {@code tenant}; empty otherwise. */
  Optional<Receipt> find(TenantId tenant, RequestId requestId);

  /**
   * Deletes at most {@code limit} receipts made before {@code cutoff}; returns how many. Safe to
   * run on several instances at once.
   */
  int deleteBefore(Instant cutoff, int limit);
}
