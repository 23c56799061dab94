package io.signet.domain.signing;

import io.signet.domain.Bytes;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.KeyName;
import java.time.Instant;

/**
 * The audit record of one signature: which key version signed what (by SHA-256 of the message or of
 * the caller's hash, never the payload itself), for which request, when.
 */
public record SigningEvent(
    KeyName key, String operation, Bytes payloadSha256, RequestId requestId, Instant at) {

  public SigningEvent {
    if (key == null
        || operation == null
        || payloadSha256 == null
        || requestId == null
        || at == null) {
      throw new IllegalArgumentException("every field of a signing event is required");
    }
  }

  public static SigningEvent of(KeyName key, SigningInput input, RequestId requestId, Instant at) {
    String operation = input instanceof SigningInput.Digest ? "sign-hash" : "sign";
    return new SigningEvent(key, operation, Bytes.sha256(input.payload().toArray()), requestId, at);
  }
}
