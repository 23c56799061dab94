package io.signet.application;

import io.signet.application.port.ApiKeys;
import io.signet.application.port.AuditLog;
import io.signet.application.port.Transactions;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKey;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.Invocation;
import java.time.Clock;
import java.time.Instant;

/**
 * Revokes an API key: from the moment this returns, the key authenticates nothing. Revoking a
 * revoked key succeeds and changes nothing.
 */
public final class RevokeApiKey {
  private final ApiKeys apiKeys;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;

  public RevokeApiKey(ApiKeys apiKeys, AuditLog audit, Transactions transactions, Clock clock) {
    this.apiKeys = apiKeys;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  public ApiKey revoke(ApiKeyId id, Invocation invocation) {
    ApiKey key =
        apiKeys
            .find(id)
            .orElseThrow(() -> new SignetException.NotFound("api key " + id + " not found"));
    if (key.isRevoked()) return key;
    Instant now = clock.instant();
    transactions.run(
        () -> {
          apiKeys.revoke(id, now);
          audit.append(
              AuditEvent.of(
                  invocation, AuditAction.API_KEY_REVOKED, id.toString(), key.tenant(), now));
        });
    return key.revoke(now);
  }
}
