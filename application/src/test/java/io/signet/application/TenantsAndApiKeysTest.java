package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.fake.DirectTransactions;
import io.signet.application.fake.InMemoryApiKeys;
import io.signet.application.fake.InMemoryAuditLog;
import io.signet.application.fake.InMemoryTenants;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.Principal;
import io.signet.domain.access.Scope;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.AuditQuery;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TenantsAndApiKeysTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-05-05T05:05:05Z"), ZoneOffset.UTC);
  private final InMemoryTenants tenants = new InMemoryTenants();
  private final InMemoryApiKeys apiKeys = new InMemoryApiKeys();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final DirectTransactions tx = new DirectTransactions();
  private final CreateTenant createTenant = new CreateTenant(tenants, audit, tx, clock);
  private final IssueApiKey issueApiKey =
      new IssueApiKey(tenants, apiKeys, audit, tx, clock, new SecureRandom());
  private final RevokeApiKey revokeApiKey = new RevokeApiKey(apiKeys, audit, tx, clock);
  private final AuthenticateApiKey authenticate = new AuthenticateApiKey(apiKeys, tenants);
  private final Invocation operator =
      new Invocation(Actor.OPERATOR, RequestId.next(Clock.systemUTC()));

  @Test
  void createsAndAuditsATenant() {
    Tenant tenant = createTenant.create("acme", Plan.FREE, operator);
    assertThat(tenants.find(tenant.id())).contains(tenant);
    assertThat(audit.recent(new AuditQuery(tenant.id(), null, 10)))
        .extracting(AuditEvent::action, AuditEvent::actor, AuditEvent::requestId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                AuditAction.TENANT_CREATED, Actor.OPERATOR, operator.requestId()));
  }

  @Test
  void issuesAKeyThatAuthenticatesWithItsScopes() {
    Tenant tenant = createTenant.create("acme", Plan.FREE, operator);
    var issued = issueApiKey.issue(tenant.id(), EnumSet.of(Scope.SIGN), "ci", operator);
    Principal principal = authenticate.authenticate(issued.token().reveal());
    assertThat(principal.tenant()).isEqualTo(tenant.id());
    assertThat(principal.scopes()).containsExactly(Scope.SIGN);
    assertThat(apiKeys.find(issued.key().id()).orElseThrow().secretHash())
        .isEqualTo(issued.token().secretHash());
  }

  @Test
  void refusesToIssueForAnUnknownTenant() {
    assertThatThrownBy(
            () -> issueApiKey.issue(TenantId.random(), EnumSet.of(Scope.SIGN), null, operator))
        .isInstanceOf(SignetException.NotFound.class);
    assertThat(audit.recent(new AuditQuery(null, null, 10))).isEmpty();
  }

  @Test
  void aRevokedKeyNoLongerAuthenticates() {
    Tenant tenant = createTenant.create("acme", Plan.FREE, operator);
    var issued = issueApiKey.issue(tenant.id(), EnumSet.of(Scope.VERIFY), null, operator);
    revokeApiKey.revoke(issued.key().id(), operator);
    revokeApiKey.revoke(issued.key().id(), operator);
    assertThatThrownBy(() -> authenticate.authenticate(issued.token().reveal()))
        .isInstanceOf(SignetException.Unauthenticated.class);
    assertThat(audit.recent(new AuditQuery(tenant.id(), null, 10)))
        .filteredOn(e -> e.action() == AuditAction.API_KEY_REVOKED)
        .hasSize(1);
  }

  @Test
  void revokingAnUnknownKeyIsNotFound() {
    assertThatThrownBy(() -> revokeApiKey.revoke(ApiKeyId.random(), operator))
        .isInstanceOf(SignetException.NotFound.class);
  }

  @Test
  void unknownAndMalformedKeysFailAlike() {
    Tenant tenant = createTenant.create("acme", Plan.FREE, operator);
    var issued = issueApiKey.issue(tenant.id(), EnumSet.of(Scope.VERIFY), null, operator);
    String real = issued.token().reveal();
    String forged = real.substring(0, real.length() - 1) + (real.endsWith("A") ? "B" : "A");
    for (String presented : new String[] {null, "", "garbage", forged}) {
      assertThatThrownBy(() -> authenticate.authenticate(presented))
          .isInstanceOf(SignetException.Unauthenticated.class)
          .hasMessage("missing or invalid credentials");
    }
  }
}
