package io.signet.bootstrap;

import io.micronaut.scheduling.annotation.Scheduled;
import io.signet.application.ForgetUnsignableKeys;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * About every second ({@code signet.key-cache.recheck-interval}), drops the decrypted keys of
 * versions retired or archived anywhere (one database read per run, only when keys are held).
 */
@Singleton
class DecryptedKeyRecheck {
  private static final Logger LOG = LoggerFactory.getLogger(DecryptedKeyRecheck.class);
  private final ForgetUnsignableKeys forget;

  DecryptedKeyRecheck(ForgetUnsignableKeys forget) {
    this.forget = forget;
  }

  @Scheduled(
      fixedDelay = "${signet.key-cache.recheck-interval:1s}",
      initialDelay = "${signet.key-cache.recheck-interval:1s}")
  void run() {
    try {
      var forgotten = forget.forget();
      if (!forgotten.isEmpty()) {
        LOG.debug("decrypted keys dropped (no longer signing): {}", forgotten);
      }
    } catch (RuntimeException e) {
      LOG.warn("decrypted-key re-check not done this time: {}", e.getMessage());
    }
  }
}
