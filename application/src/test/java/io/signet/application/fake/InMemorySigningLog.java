package io.signet.application.fake;

import io.signet.application.port.SigningLog;
import io.signet.domain.signing.SigningEvent;
import java.util.ArrayList;
import java.util.List;

/** {@link SigningLog} in memory; can be told to fail like an unreachable database. */
public final class InMemorySigningLog implements SigningLog {
  private final List<SigningEvent> events = new ArrayList<>();
  private volatile boolean unavailable;

  public void breakDown() {
    unavailable = true;
  }

  public void repair() {
    unavailable = false;
  }

  /** All or nothing, as one commit would be. */
  @Override
  public synchronized void recordAll(List<SigningEvent> batch) {
    if (unavailable)
      throw new io.signet.domain.SignetException.Unavailable("database unavailable (fake)", null);
    events.addAll(batch);
  }

  @Override
  public synchronized void record(SigningEvent event) {
    if (unavailable)
      throw new io.signet.domain.SignetException.Unavailable("database unavailable (fake)", null);
    events.add(event);
  }

  public synchronized List<SigningEvent> events() {
    return List.copyOf(events);
  }
}
