package io.signet.domain.audit;

/** Who asked, and under which request id: what every audited use case needs to know. */
public record Invocation(Actor actor, RequestId requestId) {
  public Invocation {
    if (actor == null || requestId == null) {
      throw new IllegalArgumentException("actor and request id are required");
    }
  }
}
