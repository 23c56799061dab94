package io.signet.application;

import io.signet.application.port.ApiKeys;
import io.signet.application.port.Tenants;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKeyToken;
import io.signet.domain.access.Principal;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a presented {@code X-API-Key} into a principal. Unknown, malformed and revoked keys fail
 * alike, with {@link SignetException.Unauthenticated}, so a caller learns nothing about which it
 * was.
 */
public final class AuthenticateApiKey {
  private final ApiKeys apiKeys;
  private final Tenants tenants;
  private final Map<TenantId, Plan> plans = new ConcurrentHashMap<>();

  public AuthenticateApiKey(ApiKeys apiKeys, Tenants tenants) {
    this.apiKeys = apiKeys;
    this.tenants = tenants;
  }

  public Principal authenticate(String presented) {
    ApiKeyToken token =
        ApiKeyToken.parse(presented).orElseThrow(SignetException.Unauthenticated::new);
    return apiKeys
        .find(token.id())
        .filter(key -> key.authenticates(token))
        .flatMap(key -> plan(key.tenant()).map(plan -> Principal.of(key, plan)))
        .orElseThrow(SignetException.Unauthenticated::new);
  }

  /** A tenant's plan, remembered: plans are set when a tenant is created and never change. */
  private Optional<Plan> plan(TenantId tenant) {
    Plan known = plans.get(tenant);
    if (known != null) return Optional.of(known);
    Optional<Plan> found = tenants.find(tenant).map(Tenant::plan);
    found.ifPresent(plan -> plans.put(tenant, plan));
    return found;
  }
}
