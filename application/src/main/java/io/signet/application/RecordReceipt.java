package io.signet.application;

import io.signet.application.port.Receipts;
import io.signet.domain.Bytes;
import io.signet.domain.audit.RequestId;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;

/**
 * Records the receipt of a tenant response before it is sent (DESIGN §5.2): durable on return. Can
 * be switched off ({@code enabled} false) to measure what receipts cost; then it records nothing.
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

  public void record(
      TenantId tenant, RequestId requestId, Bytes requestSha256, Bytes responseSha256) {
    if (!enabled) return;
    receipts.record(new Receipt(requestId, tenant, requestSha256, responseSha256, clock.instant()));
  }
}
