package io.signet.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Walking a failure's cause chain: the one place that does it (the adapters translate failures by
 * what they find in the chain; start-up reports the operator-facing cause). Safe against a chain
 * that loops back on itself.
 */
public final class Causes {
  private Causes() {}

  /** {@code failure} and its causes, outermost first, each once. */
  public static List<Throwable> chain(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable c = failure; c != null && seen.add(c); c = c.getCause()) chain.add(c);
    return chain;
  }

  /** The outermost throwable of {@code type} in the chain. */
  public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
    return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
  }
}
