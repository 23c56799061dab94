package io.signet.domain.audit;

import io.signet.domain.access.ApiKeyId;

/** Who did something: the operator, a tenant's API key, or Signet itself (its scheduler). */
public record Actor(String value) {
  public static final Actor OPERATOR = new Actor("operator");
  public static final Actor SCHEDULER = new Actor("signet-scheduler");

  public Actor {
    if (value == null || value.isBlank()) throw new IllegalArgumentException("actor is required");
  }

  public static Actor apiKey(ApiKeyId id) {
    return new Actor("api-key:" + id);
  }

  /** True for a tenant's API key (not the operator, not Signet itself). */
  public boolean isTenant() {
    return value.startsWith("api-key:");
  }

  @Override
  public String toString() {
    return value;
  }
}
