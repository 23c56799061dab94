package io.signet.bootstrap;

import io.micronaut.scheduling.annotation.Scheduled;
import io.signet.application.PurgeReceipts;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes receipts past {@code signet.receipts.retention} every {@code
 * signet.receipts.cleanup-interval}. Every instance runs it; deletions skip rows another instance
 * is deleting at that moment, and each row is deleted once.
 */
@Singleton
class ReceiptCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiptCleanup.class);
  private final PurgeReceipts purge;

  ReceiptCleanup(PurgeReceipts purge) {
    this.purge = purge;
  }

  @Scheduled(
      fixedDelay = "${signet.receipts.cleanup-interval:1h}",
      initialDelay = "${signet.receipts.cleanup-interval:1h}")
  void run() {
    try {
      long deleted = purge.purge();
      if (deleted > 0) LOG.info("receipt retention: deleted {} receipt(s)", deleted);
    } catch (RuntimeException e) {
      LOG.warn("receipt retention not applied this time: {}", e.getMessage());
    }
  }
}
