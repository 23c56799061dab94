package io.signet.application;

import io.signet.application.port.KeyVersions;
import io.signet.application.port.SignatureVerifier;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;

/**
 * Verifies a signature with one named key version, active or retired. A signature that does not
 * match is an ordinary answer ({@code false}), not an error.
 */
public final class VerifySignature {
  private final KeyVersions versions;
  private final SignatureVerifier verifier;

  public VerifySignature(KeyVersions versions, SignatureVerifier verifier) {
    this.versions = versions;
    this.verifier = verifier;
  }

  public boolean verify(KeyName name, SigningInput input, Bytes signature) {
    input.requireSupportedBy(name.algorithm());
    KeyVersion key = KeyVersion.visible(name, versions.find(name));
    key.requireVerifiable();
    return verifier.verify(key, input, signature);
  }
}
