package io.signet.application.port;

import io.signet.domain.signing.SigningEvent;
import java.util.List;

/**
 * The audit trail of signatures. {@link #record} returns once the event is durable, so a caller
 * that has a signature in hand and got no exception may report it; implementations may batch
 * concurrent events into one commit. An implementation in front of a transport may instead hand the
 * event to the commit that the signature cannot leave without (the receipt of the response that
 * carries it, DESIGN §5.2): then the event is durable before the signature leaves the service, in
 * the same transaction as that receipt, and never without it.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable}; the signature must then not be
 * released.
 */
@FunctionalInterface
public interface SigningLog {
  void record(SigningEvent event);

  /**
   * Records every event of a batch and returns once all are durable; implementations commit them
   * together (one transaction). All or nothing: on failure none may be reported as signed.
   */
  default void recordAll(List<SigningEvent> events) {
    events.forEach(this::record);
  }
}
