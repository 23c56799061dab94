package io.signet.application;

import io.signet.application.port.Receipts;
import java.time.Clock;
import java.time.Duration;

/**
 * Deletes receipts older than the retention period, in bounded batches. Several instances may run
 * it at once: each deletion happens once, and what one instance deleted another simply no longer
 * finds.
 */
public final class PurgeReceipts {
  private static final int BATCH = 10_000;
  private final Receipts receipts;
  private final Clock clock;
  private final Duration retention;

  public PurgeReceipts(Receipts receipts, Clock clock, Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("receipt retention must be positive");
    }
    this.receipts = receipts;
    this.clock = clock;
    this.retention = retention;
  }

  /** Deletes what is past retention; returns how many receipts were deleted. */
  public long purge() {
    var cutoff = clock.instant().minus(retention);
    long total = 0;
    int deleted;
    do {
      deleted = receipts.deleteBefore(cutoff, BATCH);
      total += deleted;
    } while (deleted == BATCH);
    return total;
  }
}
