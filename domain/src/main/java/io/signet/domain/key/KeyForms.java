package io.signet.domain.key;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Other standard forms of a key version's public key: its public JWK (RFC 7517, string members in
 * order) and, for secp256k1, its EIP-55 Ethereum address. Either is null where the algorithm has
 * none.
 */
public record KeyForms(Map<String, String> jwk, String address) {
  public KeyForms {
    jwk = jwk == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(jwk));
  }

  public static KeyForms none() {
    return new KeyForms(null, null);
  }
}
