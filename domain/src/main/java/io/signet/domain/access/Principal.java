package io.signet.domain.access;

import io.signet.domain.SignetException;
import io.signet.domain.audit.Actor;
import io.signet.domain.tenant.TenantId;
import java.util.Set;

/** An authenticated API key: the tenant it acts for and the scopes it carries. */
public record Principal(TenantId tenant, ApiKeyId apiKey, Set<Scope> scopes) {
  public Principal {
    if (tenant == null || apiKey == null || scopes == null) {
      throw new IllegalArgumentException("tenant, api key and scopes are required");
    }
    scopes = Set.copyOf(scopes);
  }

  public static Principal of(ApiKey key) {
    return new Principal(key.tenant(), key.id(), key.scopes());
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
