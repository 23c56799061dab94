package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.SigningLog;
import io.signet.domain.Bytes;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.signing.SigningInput;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link SigningLog} must do: an event is stored once {@code record} returns, and
 * concurrent events are each stored exactly once (however they are batched).
 */
public abstract class SigningLogContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

  protected abstract SigningLog log();

  /** The request ids of the events the store holds for {@code tenant}, read from the store. */
  protected abstract List<RequestId> recorded(TenantId tenant);

  private static SigningEvent event(TenantId tenant) {
    return SigningEvent.of(
        new KeyName(tenant, Algorithm.DILITHIUM3, 1),
        new SigningInput.Message(Bytes.of(new byte[] {1, 2, 3}), Bytes.of(new byte[0])),
        RequestId.next(Clock.systemUTC()),
        T0);
  }

  @Test
  void anEventIsStoredWhenRecordReturns() {
    TenantId tenant = TenantId.random();
    SigningEvent event = event(tenant);
    log().record(event);
    assertThat(recorded(tenant)).containsExactly(event.requestId());
  }

  @Test
  void concurrentEventsAreEachStoredOnce() throws InterruptedException {
    TenantId tenant = TenantId.random();
    List<SigningEvent> events = new ArrayList<>();
    for (int i = 0; i < 50; i++) events.add(event(tenant));
    List<Thread> signers = new ArrayList<>();
    for (SigningEvent event : events) {
      signers.add(Thread.ofVirtual().start(() -> log().record(event)));
    }
    for (Thread signer : signers) signer.join();
    assertThat(recorded(tenant))
        .containsExactlyInAnyOrderElementsOf(events.stream().map(SigningEvent::requestId).toList());
  }
}
