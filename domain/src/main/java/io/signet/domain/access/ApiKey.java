package io.signet.domain.access;

import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.Text;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * An API key as Signet stores it: its owner, its scopes and the hash of its secret, never the
 * secret. A revoked key authenticates nothing, ever again.
 */
public record ApiKey(
    ApiKeyId id,
    TenantId tenant,
    String name,
    Set<Scope> scopes,
    Bytes secretHash,
    Instant createdAt,
    Instant revokedAt) {
  public static final int MAX_NAME_LENGTH = 100;

  public ApiKey {
    if (id == null || tenant == null || secretHash == null || createdAt == null) {
      throw new IllegalArgumentException("api key id, tenant, hash and creation time are required");
    }
    if (scopes == null || scopes.isEmpty()) {
      throw SignetException.InvalidRequest.field("scopes must name at least one scope");
    }
    scopes = Set.copyOf(EnumSet.copyOf(scopes));
    if (name != null) Text.requireName("name", name, MAX_NAME_LENGTH);
  }

  public boolean isRevoked() {
    return revokedAt != null;
  }

  /** True when the presented token is this key's, compared in constant time, and not revoked. */
  public boolean authenticates(ApiKeyToken presented) {
    boolean secretMatches = secretHash.constantTimeEquals(presented.secretHash());
    return secretMatches && presented.id().equals(id) && !isRevoked();
  }

  public boolean grants(Scope scope) {
    return scopes.contains(scope);
  }

  /** This key, revoked at {@code now}; revoking twice keeps the first time. */
  public ApiKey revoke(Instant now) {
    if (isRevoked()) return this;
    return new ApiKey(id, tenant, name, scopes, secretHash, createdAt, now);
  }
}
