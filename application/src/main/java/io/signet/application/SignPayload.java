package io.signet.application;

import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.SigningLog;
import io.signet.domain.Bytes;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.signing.SigningInput;
import java.time.Clock;

/**
 * Signs a message or a precomputed hash with one named, active key version (there is no implicit
 * "latest"). The signature is returned only after its audit record is durable.
 */
public final class SignPayload {
  private final KeyVersions versions;
  private final KeyCustody custody;
  private final SigningLog log;
  private final Clock clock;

  public SignPayload(KeyVersions versions, KeyCustody custody, SigningLog log, Clock clock) {
    this.versions = versions;
    this.custody = custody;
    this.log = log;
    this.clock = clock;
  }

  /** Signs with the named version, once the signature is in the signing log; returns it. */
  public Bytes sign(KeyName name, SigningInput input, RequestId requestId) {
    Bytes signature = signUnrecorded(name, input);
    log.record(event(name, input, requestId));
    return signature;
  }

  /**
   * Checks and signs, without the audit record: the caller ({@link SignBatch}) records it before
   * releasing the signature.
   */
  Bytes signUnrecorded(KeyName name, SigningInput input) {
    input.requireSupportedBy(name.algorithm());
    KeyVersion key = KeyVersion.visible(name, versions.find(name));
    key.requireSignable();
    return custody.sign(key, input);
  }

  /** The audit record of signing {@code input} with {@code name}, as of now. */
  SigningEvent event(KeyName name, SigningInput input, RequestId requestId) {
    return SigningEvent.of(name, input, requestId, clock.instant());
  }
}
