package io.signet.bootstrap;

import io.signet.adapter.rest.ResponseSignatures;
import io.signet.application.port.SigningLog;
import io.signet.domain.signing.SigningEvent;
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
}
