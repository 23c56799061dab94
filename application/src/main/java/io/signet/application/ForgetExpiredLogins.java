package io.signet.application;

import io.signet.application.port.LoginNonces;
import io.signet.application.port.LoginReplays;
import java.time.Clock;
import java.time.Instant;

/**
 * Removes replay records and nonces that can no longer be accepted anyway (their message is out of
 * the time window, or the nonce expired). Safe on every instance at once: each row is deleted by a
 * condition that stays true, so instances can only race to delete the same dead rows.
 */
public final class ForgetExpiredLogins {
  private final LoginReplays replays;
  private final LoginNonces nonces;
  private final Clock clock;

  public ForgetExpiredLogins(LoginReplays replays, LoginNonces nonces, Clock clock) {
    this.replays = replays;
    this.nonces = nonces;
    this.clock = clock;
  }

  /** How many replay records and nonces were forgotten. */
  public record Forgotten(int replays, int nonces) {}

  public Forgotten forget() {
    Instant now = clock.instant();
    return new Forgotten(replays.forgetExpired(now), nonces.forgetExpired(now));
  }
}
