package io.signet.application.fake;

import io.signet.application.port.OrphanMarks;
import io.signet.domain.key.KeyName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link OrphanMarks} in memory, dated by a given clock. Passes {@code OrphanMarksContract}. */
public final class InMemoryOrphanMarks implements OrphanMarks {
  private final Map<KeyName, Instant> marks = new HashMap<>();
  private final Clock clock;

  public InMemoryOrphanMarks(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized List<KeyName> pass(Set<KeyName> orphans, Duration minAge) {
    Instant now = clock.instant();
    marks.keySet().retainAll(orphans);
    List<KeyName> due = new ArrayList<>();
    marks.forEach(
        (name, at) -> {
          if (!at.isAfter(now.minus(minAge))) due.add(name);
        });
    for (KeyName orphan : orphans) marks.putIfAbsent(orphan, now);
    return due;
  }

  @Override
  public synchronized void clear(KeyName name) {
    marks.remove(name);
  }
}
