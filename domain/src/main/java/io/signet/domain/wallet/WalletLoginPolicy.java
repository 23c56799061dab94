package io.signet.domain.wallet;

import io.signet.domain.SignetException;
import io.signet.domain.SignetException.LoginRefused.Refusal;
import io.signet.domain.Text;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of wallet login (DESIGN §6) apart from cryptography and storage: which chains and SIWE
 * domains are accepted, how far a message's time may be from ours, how long a token lives, and who
 * issues it.
 *
 * @param maxSkew how far a {@code Timestamp:} may be from now, either way (5 minutes)
 * @param chains accepted {@code chain_name}s; {@code eth} is always one
 * @param domains accepted SIWE domains (host[:port])
 * @param tokenTtl a token's lifetime (7 days)
 * @param issuer the {@code iss} claim
 */
public record WalletLoginPolicy(
    Duration maxSkew, Set<String> chains, Set<String> domains, Duration tokenTtl, String issuer) {
  public static final String ETH = "eth";
  private static final int MAX_WALLET_NAME = 100;

  public WalletLoginPolicy {
    if (maxSkew.isNegative() || maxSkew.isZero() || tokenTtl.isNegative() || tokenTtl.isZero()) {
      throw new IllegalArgumentException("skew and token lifetime must be positive");
    }
    TreeSet<String> all = new TreeSet<>(chains);
    all.add(ETH);
    for (String chain : all) {
      if (!chain.matches("[a-z0-9][a-z0-9-]{0,31}")) {
        throw new IllegalArgumentException("chain names are lowercase letters, digits, hyphens");
      }
    }
    chains = Set.copyOf(all);
    domains = Set.copyOf(domains);
    if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException("issuer required");
  }

  public String requireChain(String name) {
    if (!chains.contains(name)) {
      throw new SignetException.LoginRefused(
          Refusal.UNSUPPORTED_CHAIN,
          "chain_name must be one of " + String.join(", ", new TreeSet<>(chains)));
    }
    return name;
  }

  public String requireWalletName(String name) {
    return Text.requireName("wallet_name", name, MAX_WALLET_NAME);
  }

  /**
   * Checks a {@code Timestamp:} against now (±{@link #maxSkew}) and returns when the message may be
   * forgotten by replay protection: once it is out of the window, it is refused as stale anyway.
   */
  public Instant requireFresh(Instant timestamp, Instant now) {
    if (timestamp.isBefore(now.minus(maxSkew)) || timestamp.isAfter(now.plus(maxSkew))) {
      throw new SignetException.LoginRefused(
          Refusal.STALE_TIMESTAMP,
          "the message's Timestamp must be within " + maxSkew.toSeconds() + " s of server time");
    }
    return timestamp.plus(maxSkew);
  }

  /** Checks a SIWE message's domain and times; the nonce is checked by whoever stores nonces. */
  public void requireAcceptable(SiweMessage message, Instant now) {
    if (!domains.contains(message.domain())) {
      throw new SignetException.LoginRefused(
          Refusal.INVALID_NONCE, "the Sign-In with Ethereum message is for another domain");
    }
    if (message.issuedAt().isAfter(now.plus(maxSkew))) {
      throw new SignetException.LoginRefused(
          Refusal.STALE_TIMESTAMP, "the message's Issued At is in the future");
    }
    if (message.expirationTime().map(t -> !now.isBefore(t)).orElse(false)) {
      throw new SignetException.LoginRefused(
          Refusal.STALE_TIMESTAMP, "the message's Expiration Time has passed");
    }
    if (message.notBefore().map(now::isBefore).orElse(false)) {
      throw new SignetException.LoginRefused(
          Refusal.STALE_TIMESTAMP, "the message's Not Before is still ahead");
    }
  }

  /** The claims of a token issued now, in whole seconds. */
  public WalletClaims claims(
      EthereumAddress address, String chain, String wallet, Instant now, String tokenId) {
    Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
    return new WalletClaims(
        issuer, address, chain, wallet, issuedAt, issuedAt.plus(tokenTtl), tokenId);
  }
}
