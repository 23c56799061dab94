package io.signet.application;

import io.signet.application.port.ApiKeys;
import io.signet.application.port.Tenants;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKeyToken;
import io.signet.domain.access.Principal;

/**
 * Turns a presented {@code X-API-Key} into a principal. Unknown, malformed and revoked keys fail
 * alike, with {@link SignetException.Unauthenticated}, so a caller learns nothing about which it
 * was.
 */
public final class AuthenticateApiKey {
  private final ApiKeys apiKeys;
  private final Tenants tenants;

  public AuthenticateApiKey(ApiKeys apiKeys, Tenants tenants) {
    this.apiKeys = apiKeys;
    this.tenants = tenants;
  }

  public Principal authenticate(String presented) {
    ApiKeyToken token = ApiKeyToken.parse(presented).orElseThrow(SignetException.Unauthenticated::new);
    return apiKeys
        .find(token.id())
        .filter(key -> key.authenticates(token))
        .flatMap(key -> tenants.find(key.tenant()).map(tenant -> Principal.of(key, tenant.plan())))
        .orElseThrow(SignetException.Unauthenticated::new);
  }
}
