package io.signet.bootstrap;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.signet.adapter.rest.ResponseSignatures;
import io.signet.application.port.SigningLog;
import io.signet.domain.signing.SigningEvent;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The signing log the use cases write to: inside a response that will get a receipt, a signature's
 * events are handed to that receipt and commit with it, in one transaction ({@link
 * ResponseSignatures}); everywhere else (receipts off, no request) they go to the durable log at
 * once. Either way nothing is released before its record is durable.
 */
final class ReceiptBoundSigningLog implements SigningLog {
  private final SigningLog durable;

  ReceiptBoundSigningLog(SigningLog durable) {
    this.durable = durable;
  }

  @Override
  public void record(SigningEvent event) {
    if (!ResponseSignatures.handOver(List.of(event))) durable.record(event);
  }

  @Override
  public void recordAll(List<SigningEvent> events) {
    if (events.isEmpty() || ResponseSignatures.handOver(events)) return;
    durable.recordAll(events);
  }

  /**
   * Puts every {@link SigningLog} bean behind a {@link ReceiptBoundSigningLog} as it is created, so
   * that the use cases (given the ports by the container) write through it.
   */
  @Singleton
  static final class Binding implements BeanCreatedEventListener<SigningLog> {
    @Override
    public SigningLog onCreated(BeanCreatedEvent<SigningLog> event) {
      SigningLog log = event.getBean();
      return log instanceof ReceiptBoundSigningLog ? log : new ReceiptBoundSigningLog(log);
    }
  }
}
