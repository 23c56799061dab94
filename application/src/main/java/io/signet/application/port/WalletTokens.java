package io.signet.application.port;

import io.signet.domain.wallet.WalletClaims;

/**
 * Wallet-login tokens: compact ES256 JWS (JWT) signed in the HSM by the current {@code jwt} service
 * key, with its {@code kid} in the header (DESIGN §6).
 *
 * <p>Security: {@link #verify} accepts only what {@link #issue} could have produced with one of the
 * service's jwt keys, current or previous: algorithm ES256 and nothing else (no {@code none}, no
 * HMAC), a known {@code kid}, no key or key URL taken from the token ({@code jwk}, {@code jku},
 * {@code x5u}, {@code x5c}), a valid signature. Expiry and issuer are the caller's rules.
 */
public interface WalletTokens {
  /**
   * Signs the claims. {@link io.signet.domain.SignetException.Unavailable} when the HSM or the key
   * store cannot be reached: then no token exists.
   */
  String issue(WalletClaims claims);

  /**
   * The claims of a token this service signed; {@link
   * io.signet.domain.SignetException.LoginRefused} with reason {@code INVALID_TOKEN} otherwise.
   */
  WalletClaims verify(String token);
}
