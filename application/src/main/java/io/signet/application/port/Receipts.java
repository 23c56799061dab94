package io.signet.application.port;

import io.signet.domain.audit.RequestId;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The receipts of tenant responses. The stage {@link #record} returns completes once the receipt is
 * durable, so the response it describes may then be sent; implementations may batch concurrent
 * receipts into one commit, and may complete the stage on the thread that committed (a caller with
 * more than a hand-over to do continues on its own executor). A receipt may carry the signing
 * events of the signatures its response releases: then the receipt and those signing-log records
 * are durable together, in one commit, or neither is (DESIGN §8: a request answered 200 has its
 * audit row and its receipt).
 *
 * <p>Failures (the stage fails): {@link io.signet.domain.SignetException.Unavailable}; the response
 * must then not be sent as it was.
 */
public interface Receipts {
  /** Stores {@code receipt}; durable when the stage completes. */
  default CompletionStage<Void> record(Receipt receipt) {
    return record(receipt, List.of());
  }

  /**
   * Stores {@code receipt} and, in the same commit, the signing-log records of the signatures its
   * response releases ({@code signatures}, possibly none); all durable when the stage completes,
   * none when it fails.
   */
  CompletionStage<Void> record(Receipt receipt, List<SigningEvent> signatures);

  /** The receipt of {@code requestId} if it belongs to {@code tenant}; empty otherwise. */
  Optional<Receipt> find(TenantId tenant, RequestId requestId);

  /**
   * Deletes at most {@code limit} receipts made before {@code cutoff}; returns how many. Safe to
   * run on several instances at once.
   */
  int deleteBefore(Instant cutoff, int limit);
}
