package io.signet.domain.wallet;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The claims of a wallet-login token (DESIGN §6): who logged in ({@code address} on {@code chain},
 * with {@code wallet}), by whom ({@code issuer}), when, until when, and the token's unique id.
 * Times are whole seconds, as JWT NumericDate carries them.
 */
public record WalletClaims(
    String issuer,
    EthereumAddress address,
    String chain,
    String wallet,
    Instant issuedAt,
    Instant expiresAt,
    String tokenId) {

  public WalletClaims {
    if (issuer == null
        || address == null
        || chain == null
        || wallet == null
        || issuedAt == null
        || expiresAt == null
        || tokenId == null) {
      throw new IllegalArgumentException("every wallet claim is required");
    }
    if (!isWholeSecond(issuedAt) || !isWholeSecond(expiresAt)) {
      throw new IllegalArgumentException("token times are whole seconds");
    }
  }

  private static boolean isWholeSecond(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).equals(instant);
  }

  /**
   * The {@code sub} claim: this JSON text, exactly, as Relation One writes it: {@code
   * {"accountSource":"<chain>","address":"<lowercase 0x address>","userPrincipal":""}}. Chain names
   * are lowercase letters, digits and hyphens, so they need no escaping.
   */
  public String subject() {
    return "{\"accountSource\":\""
        + chain
        + "\",\"address\":\""
        + address.value()
        + "\",\"userPrincipal\":\"\"}";
  }

  /** True while the token may be used: strictly before {@code expiresAt}. */
  public boolean validAt(Instant now) {
    return now.isBefore(expiresAt);
  }
}
