package io.signet.application;

import io.signet.application.port.ApiKeys;
import io.signet.application.port.AuditLog;
import io.signet.application.port.Tenants;
import io.signet.application.port.Transactions;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKey;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.ApiKeyToken;
import io.signet.domain.access.Scope;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.Invocation;
import io.signet.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Issues an API key to a tenant. The plaintext key is returned once, here; Signet keeps only the
 * hash of its secret.
 */
public final class IssueApiKey {
  private final Tenants tenants;
  private final ApiKeys apiKeys;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final SecureRandom random;

  public IssueApiKey(
      Tenants tenants,
      ApiKeys apiKeys,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      SecureRandom random) {
    this.tenants = tenants;
    this.apiKeys = apiKeys;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.random = random;
  }

  public Issued issue(TenantId tenant, Set<Scope> scopes, String name, Invocation invocation) {
    if (tenants.find(tenant).isEmpty()) {
      throw new SignetException.NotFound("tenant " + tenant + " not found");
    }
    Instant now = clock.instant();
    ApiKeyToken token = ApiKeyToken.issue(ApiKeyId.random(), random);
    ApiKey key = new ApiKey(token.id(), tenant, name, scopes, token.secretHash(), now, null);
    transactions.run(
        () -> {
          apiKeys.add(key);
          audit.append(
              AuditEvent.of(
                  invocation, AuditAction.API_KEY_ISSUED, key.id().toString(), tenant, now));
        });
    return new Issued(key, token);
  }

  /** The stored key and, once only, its plaintext. */
  public record Issued(ApiKey key, ApiKeyToken token) {}
}
