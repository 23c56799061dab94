package io.signet.adapter.rest;

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
import io.signet.application.SetKeyPolicy;
import io.signet.domain.key.KeyPolicy;
import io.signet.domain.tenant.TenantId;
import java.time.Duration;
import java.util.Set;

/** The operator's key lifecycle API (DESIGN §4): any tenant's keys, and their policies. */
@Controller("/admin/v1/tenants/{tenantId}")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AdminKeyController {
  private final KeyOperations operations;
  private final SetKeyPolicy setKeyPolicy;
  private final Exchange exchange;

  AdminKeyController(KeyOperations operations, SetKeyPolicy setKeyPolicy, Exchange exchange) {
    this.operations = operations;
    this.setKeyPolicy = setKeyPolicy;
    this.exchange = exchange;
  }

  @Post("/keys/generate")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> generate(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    return operations.generate(
        request, TenantId.parse(tenantId), body, Exchange.asOperator(request));
  }

  @Post("/keys/rotate")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> rotate(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    return operations.rotate(request, TenantId.parse(tenantId), body, Exchange.asOperator(request));
  }

  @Post("/keys/retire")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> retire(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    return operations.retire(request, TenantId.parse(tenantId), body, Exchange.asOperator(request));
  }

  @Post("/keys/archive")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> archive(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    return operations.archive(
        request, TenantId.parse(tenantId), body, Exchange.asOperator(request));
  }

  /**
   * {@code {rotate_after_days?, archive_after_days?}}: absent or null turns that automation off.
   */
  @Put("/key-policy")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> setPolicy(
      HttpRequest<?> request, @PathVariable String tenantId, @Body byte[] body) {
    TenantId tenant = TenantId.parse(tenantId);
    JsonBody fields = JsonBody.parse(body, Set.of("rotate_after_days", "archive_after_days"));
    KeyPolicy policy =
        new KeyPolicy(
            tenant,
            fields.optionalInteger("rotate_after_days").map(AdminKeyController::days).orElse(null),
            fields
                .optionalInteger("archive_after_days")
                .map(AdminKeyController::days)
                .orElse(null));
    return exchange.ok(
        request, KeyViews.PolicyView.of(setKeyPolicy.set(policy, Exchange.asOperator(request))));
  }

  /** Days from a request, clamped before they become a Duration; the policy checks the range. */
  private static Duration days(long days) {
    return Duration.ofDays(Math.max(-1, Math.min(days, KeyPolicy.MAX_PERIOD.toDays() + 1)));
  }
}
