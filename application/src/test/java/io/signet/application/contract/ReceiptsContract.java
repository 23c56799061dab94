package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.Receipts;
import io.signet.domain.Bytes;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.signing.SigningInput;
import io.signet.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Receipts} must do: keep, find only for the owner, expire, and store a
 * response's signing events with its receipt.
 */
public abstract class ReceiptsContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

  protected abstract Receipts receipts();

  /** The request ids of the signing events stored for {@code tenant}, read from the store. */
  protected abstract List<RequestId> signingEvents(TenantId tenant);

  /** A tenant the store accepts receipts for. */
  protected TenantId tenant() {
    return TenantId.random();
  }

  protected static Receipt receipt(TenantId tenant, Instant at) {
    return new Receipt(
        RequestId.next(Clock.systemUTC()),
        tenant,
        Bytes.sha256("request".getBytes(StandardCharsets.UTF_8)),
        Bytes.sha256(new byte[0]),
        at);
  }

  /** Waits until {@code recorded} says the receipt is durable; throws its failure otherwise. */
  protected static void durably(CompletionStage<Void> recorded) {
    recorded.toCompletableFuture().join();
  }

  @Test
  void findsAReceiptForItsTenantOnly() {
    TenantId owner = tenant();
    Receipt r = receipt(owner, T0);
    durably(receipts().record(r));
    assertThat(receipts().find(owner, r.requestId())).contains(r);
    assertThat(receipts().find(tenant(), r.requestId())).isEmpty();
    assertThat(receipts().find(owner, RequestId.next(Clock.systemUTC()))).isEmpty();
  }

  @Test
  void storesTheSigningEventsOfAResponseWithItsReceipt() {
    TenantId owner = tenant();
    Receipt r = receipt(owner, T0);
    KeyName key = new KeyName(owner, Algorithm.DILITHIUM3, 1);
    SigningInput input = new SigningInput.Message(Bytes.of(new byte[] {1}), Bytes.of(new byte[0]));
    durably(
        receipts()
            .record(
                r,
                List.of(
                    SigningEvent.of(key, input, r.requestId(), T0),
                    SigningEvent.of(key, input, r.requestId(), T0))));
    assertThat(receipts().find(owner, r.requestId())).contains(r);
    assertThat(signingEvents(owner)).containsExactly(r.requestId(), r.requestId());
  }

  @Test
  void keepsTheFirstReceiptOfARequestId() {
    TenantId owner = tenant();
    Receipt first = receipt(owner, T0);
    durably(receipts().record(first));
    durably(
        receipts()
            .record(
                new Receipt(
                    first.requestId(), owner, first.responseSha256(), first.requestSha256(), T0)));
    assertThat(receipts().find(owner, first.requestId())).contains(first);
  }

  @Test
  void recordsConcurrentReceiptsDurably() {
    TenantId owner = tenant();
    List<Receipt> made = new ArrayList<>();
    for (int i = 0; i < 50; i++) made.add(receipt(owner, T0));
    CompletableFuture.allOf(
            made.stream()
                .map(r -> receipts().record(r).toCompletableFuture())
                .toArray(CompletableFuture[]::new))
        .join();
    assertThat(made).allSatisfy(r -> assertThat(receipts().find(owner, r.requestId())).contains(r));
  }

  @Test
  void deletesOnlyWhatIsPastTheCutoffInBatches() {
    TenantId owner = tenant();
    Instant old = T0.minus(Duration.ofDays(3650));
    Receipt a = receipt(owner, old);
    Receipt b = receipt(owner, old.plusMillis(1));
    Receipt fresh = receipt(owner, T0);
    durably(receipts().record(a));
    durably(receipts().record(b));
    durably(receipts().record(fresh));
    Instant cutoff = old.plusSeconds(1);
    assertThat(receipts().deleteBefore(cutoff, 1)).isEqualTo(1);
    assertThat(receipts().deleteBefore(cutoff, 10)).isEqualTo(1);
    assertThat(receipts().deleteBefore(cutoff, 10)).isZero();
    assertThat(receipts().find(owner, a.requestId())).isEmpty();
    assertThat(receipts().find(owner, fresh.requestId())).contains(fresh);
  }
}
