package io.signet.adapter.pkcs11;

import io.signet.application.port.KeyCustody.GeneratedKey;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyForms;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

/**
 * Everything Signet knows about one signature algorithm, in one class: how its key pair is made (on
 * the token, or in process and sealed), how it signs and verifies each {@link SigningInput}, and
 * how its stored public key decodes. Adding an algorithm is one implementation plus its line in
 * {@link SignatureSchemes}.
 *
 * <p>Schemes reach the HSM only through {@link SchemeKeys}, so how token objects are managed and
 * how key material is sealed can change without touching them.
 */
interface SignatureScheme {

  /** The algorithm this scheme implements. */
  Algorithm algorithm();

  /** Generates the key pair for {@code name}; private parts go to the token or are sealed. */
  GeneratedKey generate(KeyName name, SchemeKeys keys);

  /** Signs {@code input} with the private key of {@code key} (hedged where the scheme allows). */
  Bytes sign(KeyVersion key, SigningInput input, SchemeKeys keys) throws GeneralSecurityException;

  /**
   * True when {@code signature} is valid for {@code input} under the public key {@code spki}.
   * Malformed signatures are simply not valid; a stored key that does not decode is an {@link
   * IllegalStateException}.
   */
  boolean verify(Bytes spki, SigningInput input, Bytes signature);

  /**
   * {@link #verify(Bytes, SigningInput, Bytes)} with {@code publicKey}, the key {@link #publicKey}
   * decoded from {@code spki}, so that a caller verifying often under one version decodes it once.
   * Schemes whose decoding costs little next to a verification keep this default, which ignores
   * {@code publicKey}.
   */
  default boolean verifyDecoded(
      PublicKey publicKey, Bytes spki, SigningInput input, Bytes signature) {
    return verify(spki, input, signature);
  }

  /** The JCA public key of a SubjectPublicKeyInfo this scheme produced. */
  PublicKey publicKey(Bytes spki) throws GeneralSecurityException;

  /** The public JWK and address of {@code spki}, where the algorithm has them. */
  default KeyForms forms(Bytes spki) {
    return KeyForms.none();
  }

  /** Unpadded base64url of an unsigned big-endian integer of at least {@code length} bytes. */
  static String base64Url(java.math.BigInteger value, int length) {
    byte[] magnitude = value.toByteArray();
    int start = magnitude.length > 1 && magnitude[0] == 0 ? 1 : 0;
    int size = Math.max(length, magnitude.length - start);
    byte[] out = new byte[size];
    System.arraycopy(
        magnitude, start, out, size - (magnitude.length - start), magnitude.length - start);
    return base64Url(out);
  }

  static String base64Url(byte[] bytes) {
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
