package io.signet.domain.access;

import io.signet.domain.SignetException;
import io.signet.domain.audit.Actor;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.TenantId;
import java.util.Set;

/** An authenticated API key: the tenant it acts for, the scopes it carries, the tenant's plan. */
public record Principal(TenantId tenant, ApiKeyId apiKey, Set<Scope> scopes, Plan plan) {
  public Principal {
    if (tenant == null || apiKey == null || scopes == null || plan == null) {
      throw new IllegalArgumentException("tenant, api key, scopes and plan are required");
    }
    scopes = Set.copyOf(scopes);
  }

  public static Principal of(ApiKey key, Plan plan) {
    return new Principal(key.tenant(), key.id(), key.scopes(), plan);
  }

  /** Throws {@link SignetException.Forbidden} unless this key carries {@code scope}. */
  public void require(Scope scope) {
    if (!scopes.contains(scope)) {
      throw new SignetException.Forbidden("this API key lacks the scope " + scope.wireName());
    }
  }

  public Actor actor() {
    return Actor.apiKey(apiKey);
  }
}
