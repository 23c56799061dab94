package io.signet.application.fake;

import io.signet.application.port.Receipts;
import io.signet.domain.audit.RequestId;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Receipts} in memory; a receipt's signing events go to the signing log it shares (all or
 * nothing: a broken log stores neither). Passes {@code ReceiptsContract}.
 */
public final class InMemoryReceipts implements Receipts {
  private final Map<RequestId, Receipt> receipts = new ConcurrentHashMap<>();
  private final InMemorySigningLog signingLog;

  public InMemoryReceipts(InMemorySigningLog signingLog) {
    this.signingLog = signingLog;
  }

  public InMemoryReceipts() {
    this(new InMemorySigningLog());
  }

  @Override
  public synchronized CompletionStage<Void> record(Receipt receipt, List<SigningEvent> signatures) {
    try {
      signingLog.recordAll(signatures);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    receipts.putIfAbsent(receipt.requestId(), receipt);
    return CompletableFuture.completedFuture(null);
  }

  /** The signing log the receipts' signing events go to. */
  public InMemorySigningLog signingLog() {
    return signingLog;
  }

  @Override
  public Optional<Receipt> find(TenantId tenant, RequestId requestId) {
    return Optional.ofNullable(receipts.get(requestId)).filter(r -> r.tenant().equals(tenant));
  }

  @Override
  public synchronized int deleteBefore(Instant cutoff, int limit) {
    var old = receipts.values().stream().filter(r -> r.at().isBefore(cutoff)).limit(limit).toList();
    old.forEach(r -> receipts.remove(r.requestId()));
    return old.size();
  }
}
