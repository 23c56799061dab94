package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.ApiKeys;
import io.signet.application.port.Tenants;
import io.signet.domain.access.ApiKey;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.ApiKeyToken;
import io.signet.domain.access.Scope;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ApiKeys} must do. */
public abstract class ApiKeysContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");
  private Tenant tenant;

  protected abstract ApiKeys apiKeys();

  /** The tenants store the keys' owners live in (keys reference an existing tenant). */
  protected abstract Tenants tenants();

  @BeforeEach
  void createOwner() {
    tenant = new Tenant(TenantId.random(), "owner", Plan.STANDARD, T0);
    tenants().add(tenant);
  }

  private ApiKey aKey() {
    ApiKeyToken token = ApiKeyToken.issue(ApiKeyId.random(), new SecureRandom());
    return new ApiKey(
        token.id(),
        tenant.id(),
        "ci",
        EnumSet.of(Scope.SIGN, Scope.RECEIPTS_READ),
        token.secretHash(),
        T0,
        null);
  }

  @Test
  void findsWhatWasAddedWithItsScopesAndHash() {
    ApiKey key = aKey();
    apiKeys().add(key);
    assertThat(apiKeys().find(key.id())).contains(key);
  }

  @Test
  void returnsEmptyForAnUnknownKey() {
    assertThat(apiKeys().find(ApiKeyId.random())).isEmpty();
  }

  @Test
  void revokesOnceAndKeepsTheFirstTime() {
    ApiKey key = aKey();
    apiKeys().add(key);
    apiKeys().revoke(key.id(), T0.plusSeconds(5));
    apiKeys().revoke(key.id(), T0.plusSeconds(50));
    assertThat(apiKeys().find(key.id()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void revokingAnUnknownKeyChangesNothing() {
    ApiKeyId unknown = ApiKeyId.random();
    apiKeys().revoke(unknown, T0);
    assertThat(apiKeys().find(unknown)).isEmpty();
  }
}
