package io.signet.application.port;

import io.signet.domain.Bytes;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;

/**
 * Verifies signatures against a key version's public key, with the standard construction of its
 * algorithm. Needs no private key and no HSM. A malformed signature is simply not valid.
 */
@FunctionalInterface
public interface SignatureVerifier {
  boolean verify(KeyVersion key, SigningInput input, Bytes signature);
}
