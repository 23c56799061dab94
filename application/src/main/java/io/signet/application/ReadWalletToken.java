package io.signet.application;

import io.signet.application.port.WalletTokens;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.LoginRefused.Refusal;
import io.signet.domain.wallet.WalletClaims;
import java.time.Clock;

/**
 * Validates a wallet-login token ({@code GET /auth/me}): signed by one of our jwt keys (see {@link
 * WalletTokens}), issued by us, not expired. Any failure is the same {@code INVALID_TOKEN}. Needs
 * neither the database nor the HSM beyond the jwt public keys.
 */
public final class ReadWalletToken {
  private final WalletTokens tokens;
  private final String issuer;
  private final Clock clock;

  public ReadWalletToken(WalletTokens tokens, String issuer, Clock clock) {
    this.tokens = tokens;
    this.issuer = issuer;
    this.clock = clock;
  }

  public WalletClaims read(String token) {
    WalletClaims claims = tokens.verify(token);
    if (!claims.issuer().equals(issuer) || !claims.validAt(clock.instant())) {
      throw new SignetException.LoginRefused(
          Refusal.INVALID_TOKEN, "the token is expired or not issued here");
    }
    return claims;
  }
}
