package io.signet.application.port;

import io.signet.domain.key.KeyVersion;
import java.util.Map;

/**
 * Other standard forms of a key version's public key, for key listings: its public JWK (RFC 7517;
 * EC with crv P-256 or secp256k1, RSA, OKP Ed25519) and, for secp256k1 keys, its EIP-55 Ethereum
 * address. Derived from the stored public key alone; needs no HSM.
 */
@FunctionalInterface
public interface PublicKeyForms {

  /** The forms of {@code key}'s public key; a form an algorithm does not have is null. */
  Forms of(KeyVersion key);

  /** A public JWK (string members, in order) and an Ethereum address; either may be null. */
  record Forms(Map<String, String> jwk, String address) {
    public Forms {
      jwk =
          jwk == null
              ? null
              : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(jwk));
    }

    public static Forms none() {
      return new Forms(null, null);
    }
  }
}
