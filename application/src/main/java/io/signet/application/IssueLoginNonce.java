package io.signet.application;

import io.signet.application.port.LoginNonces;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Issues a single-use Sign-In with Ethereum nonce: 128 random bits as 32 hex digits (alphanumeric,
 * as EIP-4361 requires), usable once, on any instance, until it expires. Charged to the {@link
 * InstanceBudget}: each one is a database write.
 */
public final class IssueLoginNonce {
  private final LoginNonces nonces;
  private final InstanceBudget budget;
  private final SecureRandom random;
  private final Duration lifetime;
  private final Clock clock;

  public IssueLoginNonce(
      LoginNonces nonces,
      InstanceBudget budget,
      SecureRandom random,
      Duration lifetime,
      Clock clock) {
    this.nonces = nonces;
    this.budget = budget;
    this.random = random;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /** A nonce and when it expires. */
  public record Nonce(String value, Instant expiresAt) {}

  public Nonce issue() {
    budget.charge();
    byte[] bits = new byte[16];
    random.nextBytes(bits);
    Nonce nonce = new Nonce(HexFormat.of().formatHex(bits), clock.instant().plus(lifetime));
    nonces.issue(nonce.value(), nonce.expiresAt());
    return nonce;
  }
}
