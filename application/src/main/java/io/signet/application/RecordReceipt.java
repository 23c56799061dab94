package io.signet.application;

import io.signet.application.port.Receipts;
import io.signet.domain.Bytes;
import io.signet.domain.audit.RequestId;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Records the receipt of a tenant response before it is sent (DESIGN §5.2): durable when the
 * returned stage completes, together with the signing-log records of the signatures the response
 * releases (one commit). Can be switched off ({@code enabled} false) to measure what receipts cost;
 * then it records nothing, and signatures go to the signing log on their own.
 */
public final class RecordReceipt {
  private final Receipts receipts;
  private final Clock clock;
  private final boolean enabled;

  public RecordReceipt(Receipts receipts, Clock clock, boolean enabled) {
    this.receipts = receipts;
    this.clock = clock;
    this.enabled = enabled;
  }

  public boolean enabled() {
    return enabled;
  }

  /**
   * Records the receipt and, in the same commit, {@code signatures}: the signing events of the
   * signatures this response releases, which were not recorded on their own.
   */
  public CompletionStage<Void> record(
      TenantId tenant,
      RequestId requestId,
      Bytes requestSha256,
      Bytes responseSha256,
      List<SigningEvent> signatures) {
    if (!enabled) {
      if (!signatures.isEmpty()) {
        throw new IllegalStateException("signatures handed to receipts that are switched off");
      }
      return CompletableFuture.completedFuture(null);
    }
    return receipts.record(
        new Receipt(requestId, tenant, requestSha256, responseSha256, clock.instant()), signatures);
  }
}
