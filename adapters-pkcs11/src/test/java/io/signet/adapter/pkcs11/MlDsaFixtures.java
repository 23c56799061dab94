package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

/** ML-DSA-65 keys for tests that run without a token. */
final class MlDsaFixtures {
  private MlDsaFixtures() {}

  /** {@code pair}'s private key as custody holds it once unsealed. */
  static UnsealedMlDsaKey unsealed(KeyPair pair) throws GeneralSecurityException {
    return UnsealedMlDsaKey.decode(
        pair.getPrivate().getEncoded(), Bytes.of(pair.getPublic().getEncoded()));
  }
}
