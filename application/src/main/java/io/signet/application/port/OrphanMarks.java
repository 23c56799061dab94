package io.signet.application.port;

import io.signet.domain.key.KeyName;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The first phase of two-phase reconciliation (DESIGN §8): custody objects found orphaned by one
 * pass are marked, and only a later pass that still finds them orphaned may destroy them. Mark ages
 * are measured by the store's clock (the database's), shared by every instance.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the store cannot be
 * reached; nothing was changed then.
 */
public interface OrphanMarks {
  /**
   * Records one reconciliation pass, atomically: returns the names in {@code orphans} that were
   * already marked at least {@code minAge} ago (by an earlier pass), marks those of {@code orphans}
   * not marked yet, and drops the marks of names that are no longer orphaned.
   */
  List<KeyName> pass(Set<KeyName> orphans, Duration minAge);

  /** Drops the mark on {@code name}, if any (its objects are gone). */
  void clear(KeyName name);
}
