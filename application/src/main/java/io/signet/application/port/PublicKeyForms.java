package io.signet.application.port;

import io.signet.domain.key.KeyForms;
import io.signet.domain.key.KeyVersion;

/**
 * Other standard forms of a key version's public key, for key listings: its public JWK (RFC 7517;
 * EC with crv P-256 or secp256k1, RSA, OKP Ed25519) and, for secp256k1 keys, its EIP-55 Ethereum
 * address. Derived from the stored public key alone; needs no HSM.
 */
@FunctionalInterface
public interface PublicKeyForms {

  /** The forms of {@code key}'s public key; a form an algorithm does not have is null. */
  KeyForms of(KeyVersion key);
}
