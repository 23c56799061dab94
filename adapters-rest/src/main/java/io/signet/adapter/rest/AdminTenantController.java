package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.application.CreateTenant;
import io.signet.application.IssueApiKey;
import io.signet.application.ListTenants;
import io.signet.application.ReadAudit;
import io.signet.application.RevokeApiKey;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.Scope;
import io.signet.domain.audit.AuditQuery;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The operator API for tenants, their API keys and the audit log (DESIGN §4). */
@Controller("/admin/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminTenantController {
  private final CreateTenant createTenant;
  private final ListTenants listTenants;
  private final IssueApiKey issueApiKey;
  private final RevokeApiKey revokeApiKey;
  private final ReadAudit readAudit;
  private final RequestReader reader;
  private final Exchange exchange;

  AdminTenantController(
      CreateTenant createTenant,
      ListTenants listTenants,
      IssueApiKey issueApiKey,
      RevokeApiKey revokeApiKey,
      ReadAudit readAudit,
      RequestReader reader,
      Exchange exchange) {
    this.createTenant = createTenant;
    this.listTenants = listTenants;
    this.issueApiKey = issueApiKey;
    this.revokeApiKey = revokeApiKey;
    this.readAudit = readAudit;
    this.reader = reader;
    this.exchange = exchange;
  }

  @Post("/tenants")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> createTenant(HttpRequest<?> request, @Body byte[] body) {
    TenantRequest fields = reader.read(body, TenantRequest.class);
    Plan plan = fields.plan() == null ? Plan.defaultPlan() : Plan.parse(fields.plan());
    var tenant = createTenant.create(fields.name(), plan, Exchange.asOperator(request));
    return exchange.created(request, Views.TenantView.of(tenant));
  }

  @Get("/tenants")
  HttpResponse<Envelope> listTenants(HttpRequest<?> request) {
    var tenants = listTenants.list().stream().map(Views.TenantView::of).toList();
    return exchange.ok(request, new Views.TenantList(tenants));
  }

  @Post("/tenants/{tenantId}/api-keys")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> issueApiKey(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    TenantId tenant = TenantId.parse(tenantId);
    ApiKeyRequest fields = reader.read(body, ApiKeyRequest.class);
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    fields.scopes().forEach(s -> scopes.add(Scope.parse(s)));
    if (scopes.isEmpty()) {
      throw SignetException.InvalidRequest.field("scopes must name at least one scope");
    }
    var issued = issueApiKey.issue(tenant, scopes, fields.name(), Exchange.asOperator(request));
    var key = issued.key();
    return exchange.created(
        request,
        new Views.IssuedApiKeyView(
            key.id().toString(),
            issued.token().reveal(),
            key.tenant().toString(),
            key.name(),
            Views.scopes(key.scopes()),
            Exchange.format(key.createdAt())));
  }

  @Delete("/api-keys/{keyId}")
  HttpResponse<Envelope> revokeApiKey(HttpRequest<?> request, @PathVariable String keyId) {
    var revoked = revokeApiKey.revoke(ApiKeyId.parse(keyId), Exchange.asOperator(request));
    return exchange.ok(request, Views.RevokedApiKeyView.of(revoked));
  }

  @Get("/audit")
  HttpResponse<Envelope> audit(
      HttpRequest<?> request,
      @Nullable @QueryValue("tenant_id") String tenantId,
      @Nullable @QueryValue String since,
      @Nullable @QueryValue String limit) {
    var query =
        new AuditQuery(
            tenantId == null ? null : TenantId.parse(tenantId),
            parseSince(since),
            parseLimit(limit));
    var events = readAudit.read(query).stream().map(Views.AuditEventView::of).toList();
    return exchange.ok(request, new Views.AuditList(events));
  }

  /**
   * An ISO-8601 UTC instant within the years 1 to 9999: {@link Instant#parse} also takes years up
   * to ±999,999,999, which PostgreSQL cannot hold (a 500 before this check).
   */
  private static Instant parseSince(String since) {
    if (since == null) return null;
    Instant instant;
    try {
      instant = Instant.parse(since);
    } catch (DateTimeParseException e) {
      instant = null;
    }
    if (instant == null || instant.isBefore(EARLIEST_SINCE) || instant.isAfter(LATEST_SINCE)) {
      throw SignetException.InvalidRequest.field(
          "since must be an ISO-8601 UTC time such as 2026-01-31T12:00:00Z");
    }
    return instant;
  }

  private static final Instant EARLIEST_SINCE = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LATEST_SINCE = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** ASCII digits only ({@code Integer.parseInt} alone takes {@code +5} and fullwidth digits). */
  private static int parseLimit(String limit) {
    if (limit == null) return AuditQuery.DEFAULT_LIMIT;
    if (!ASCII_DIGITS.matcher(limit).matches()) {
      throw SignetException.InvalidRequest.field(
          "limit must be an integer between 1 and " + AuditQuery.MAX_LIMIT);
    }
    return Integer.parseInt(limit);
  }

  private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]{1,9}");

  /** {@code POST /tenants}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record TenantRequest(String name, @Nullable String plan) {}

  /** {@code POST /tenants/{id}/api-keys}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record ApiKeyRequest(List<String> scopes, @Nullable String name) {}
}
