package io.signet.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.domain.access.ApiKey;
import io.signet.domain.access.Principal;
import io.signet.domain.access.Scope;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.tenant.Tenant;
import java.util.List;

/** The JSON shapes of responses: domain objects are never serialized directly. */
final class Views {
  private Views() {}

  static List<String> scopes(java.util.Set<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::wireName).toList();
  }

  @Serdeable(naming = SnakeCaseStrategy.class)
  record TenantView(String tenantId, String name, String plan, String createdAt) {
    static TenantView of(Tenant t) {
      return new TenantView(
          t.id().toString(), t.name(), t.plan().wireName(), Exchange.format(t.createdAt()));
    }
  }

  @Serdeable(naming = SnakeCaseStrategy.class)
  record TenantList(List<TenantView> tenants) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record IssuedApiKeyView(
      String keyId,
      String apiKey,
      String tenantId,
      @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String name,
      List<String> scopes,
      String createdAt) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record RevokedApiKeyView(String keyId, String tenantId, String revokedAt) {
    static RevokedApiKeyView of(ApiKey key) {
      return new RevokedApiKeyView(
          key.id().toString(), key.tenant().toString(), Exchange.format(key.revokedAt()));
    }
  }

  @Serdeable(naming = SnakeCaseStrategy.class)
  record AuditEventView(
      String at,
      String actor,
      String action,
      String target,
      @Nullable String tenantId,
      String requestId) {
    static AuditEventView of(AuditEvent e) {
      return new AuditEventView(
          Exchange.format(e.at()),
          e.actor().value(),
          e.action().wireName(),
          e.target(),
          e.tenant() == null ? null : e.tenant().toString(),
          e.requestId().toString());
    }
  }

  @Serdeable(naming = SnakeCaseStrategy.class)
  record AuditList(List<AuditEventView> events) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record CallerView(String tenantId, String keyId, List<String> scopes) {
    static CallerView of(Principal p) {
      return new CallerView(p.tenant().toString(), p.apiKey().toString(), Views.scopes(p.scopes()));
    }
  }
}
