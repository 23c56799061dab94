package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.application.SetKeyPolicy;
import io.signet.domain.key.KeyPolicy;
import io.signet.domain.tenant.TenantId;
import java.time.Duration;

/** The operator's key lifecycle API (DESIGN §4): any tenant's keys, and their policies. */
@Controller("/admin/v1/tenants/{tenantId}")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminKeyController {
  private final KeyOperations operations;
  private final SetKeyPolicy setKeyPolicy;
  private final RequestReader reader;
  private final Exchange exchange;

  AdminKeyController(
      KeyOperations operations,
      SetKeyPolicy setKeyPolicy,
      RequestReader reader,
      Exchange exchange) {
    this.operations = operations;
    this.setKeyPolicy = setKeyPolicy;
    this.reader = reader;
    this.exchange = exchange;
  }

  @Post("/keys/generate")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> generate(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    return operations.generate(request, KeyOperations.Acting.operatorOn(request, tenantId), body);
  }

  @Post("/keys/rotate")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> rotate(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    return operations.rotate(request, KeyOperations.Acting.operatorOn(request, tenantId), body);
  }

  @Post("/keys/retire")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> retire(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    return operations.retire(request, KeyOperations.Acting.operatorOn(request, tenantId), body);
  }

  @Post("/keys/archive")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> archive(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    return operations.archive(request, KeyOperations.Acting.operatorOn(request, tenantId), body);
  }

  /**
   * {@code {rotate_after_days?, archive_after_days?}}: absent or null turns that automation off.
   */
  @Put("/key-policy")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> setPolicy(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    TenantId tenant = TenantId.parse(tenantId);
    KeyPolicyRequest fields = reader.read(body, KeyPolicyRequest.class);
    KeyPolicy policy =
        new KeyPolicy(tenant, days(fields.rotateAfterDays()), days(fields.archiveAfterDays()));
    return exchange.ok(
        request, KeyViews.PolicyView.of(setKeyPolicy.set(policy, Exchange.asOperator(request))));
  }

  /** Days from a request, clamped before they become a Duration; the policy checks the range. */
  private static Duration days(@Nullable Long days) {
    if (days == null) return null;
    return Duration.ofDays(Math.max(-1, Math.min(days, KeyPolicy.MAX_PERIOD.toDays() + 1)));
  }

  /** {@code PUT /key-policy}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record KeyPolicyRequest(@Nullable Long rotateAfterDays, @Nullable Long archiveAfterDays) {}
}
