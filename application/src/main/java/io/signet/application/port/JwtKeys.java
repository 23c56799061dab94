package io.signet.application.port;

import io.signet.domain.Bytes;
import java.util.Optional;
import java.util.function.Function;

/**
 * The service's {@code jwt} keys (DESIGN §5.1): ES256 (P-256) keys in the HSM; the current one
 * signs, the previous ones only verify what they signed before a rotation.
 *
 * <p>Security: the private halves never leave the HSM; this port only hands out signatures and
 * public keys.
 */
public interface JwtKeys {
  /**
   * Signs with the current key. Its {@code kid} belongs in the JWS header, which is part of what is
   * signed: {@code signingInput} builds the input for the kid, so the kid named and the key used
   * cannot differ even while a rotation happens. The signature is ECDSA P-256 over SHA-256 of the
   * input, as JWS ES256 carries it: r‖s, 32 bytes each (RFC 7518 §3.4).
   */
  Signed sign(Function<String, byte[]> signingInput);

  /** The public key (X.509 SubjectPublicKeyInfo DER) of the jwt key with this kid, if any. */
  Optional<Bytes> publicKey(String kid);

  /** A signature and the kid of the key that made it. */
  record Signed(String kid, Bytes signature) {}
}
