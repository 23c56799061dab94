package io.signet.application.port;

import io.signet.domain.signing.SigningEvent;

/**
 * The audit trail of signatures. {@link #record} returns once the event is durable, so a caller
 * that has a signature in hand and got no exception may report it; implementations may batch
 * concurrent events into one commit.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable}; the signature must then not be
 * released.
 */
@FunctionalInterface
public interface SigningLog {
  void record(SigningEvent event);
}
