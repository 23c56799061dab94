package io.signet.bootstrap;

import io.signet.application.port.SignatureVerifier;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;

/**
 * {@link SignatureVerifier} counting verifications in {@code signet.signatures} (operation {@code
 * verify} or {@code verify-hash}, by algorithm and result).
 */
final class MeteredSignatureVerifier implements SignatureVerifier {
  private final SignatureVerifier verifier;

  MeteredSignatureVerifier(SignatureVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public boolean verify(KeyVersion key, SigningInput input, Bytes signature) {
    boolean valid = verifier.verify(key, input, signature);
    MeteredKeyCustody.countSignature(
        key,
        input instanceof SigningInput.Digest ? "verify-hash" : "verify",
        valid ? "valid" : "invalid");
    return valid;
  }
}
