package io.signet.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.signet.application.ForgetExpiredLogins;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes, every minute, the replay records and nonces that could not be accepted any more. Every
 * instance runs it; they can only race to delete the same dead rows.
 */
@Singleton
@Requires(property = "signet.lifecycle.enabled", notEquals = "false")
class WalletLoginCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(WalletLoginCleanup.class);
  private final ForgetExpiredLogins forget;

  WalletLoginCleanup(ForgetExpiredLogins forget) {
    this.forget = forget;
  }

  @Scheduled(fixedDelay = "60s", initialDelay = "60s")
  void run() {
    try {
      ForgetExpiredLogins.Forgotten forgotten = forget.forget();
      LOG.debug(
          "wallet login cleanup: {} replay record(s), {} nonce(s)",
          forgotten.replays(),
          forgotten.nonces());
    } catch (RuntimeException e) {
      LOG.warn("wallet login cleanup not done this time: {}", e.getMessage());
    }
  }
}
