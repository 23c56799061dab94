package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.application.ListServiceKeys;
import io.signet.application.RotateServiceKey;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyPurpose;

/** The operator's service-key API (DESIGN §4, §5.1): list, and rotate with an audit entry. */
@Controller("/admin/v1/service-keys")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ServiceKeyController {
  private final ListServiceKeys list;
  private final RotateServiceKey rotate;
  private final PublishedServiceKeys published;
  private final RequestReader reader;
  private final Exchange exchange;

  ServiceKeyController(
      ListServiceKeys list,
      RotateServiceKey rotate,
      PublishedServiceKeys published,
      RequestReader reader,
      Exchange exchange) {
    this.list = list;
    this.rotate = rotate;
    this.published = published;
    this.reader = reader;
    this.exchange = exchange;
  }

  @Get
  HttpResponse<Envelope> list(HttpRequest<?> request) {
    return exchange.ok(
        request,
        new ServiceKeyViews.AdminList(
            list.all().stream().map(ServiceKeyViews.AdminView::of).toList()));
  }

  /** {@code {signing_algo?}}; without it, the purpose's first algorithm. */
  @Post("/{purpose}/rotate")
  HttpResponse<Envelope> rotate(
      HttpRequest<?> request, @PathVariable String purpose, @Body byte[] body) {
    ServiceKeyPurpose parsed = ServiceKeyPurpose.parse(purpose);
    String named = reader.read(body, RotateRequest.class).signingAlgo();
    ServiceAlgorithm algorithm = named == null ? null : ServiceAlgorithm.parse(named);
    ServiceKey rotated = rotate.rotate(parsed, algorithm, Exchange.asOperator(request));
    // The new key signs from now on: this instance publishes it at once, not within a second.
    published.forget();
    return exchange.ok(request, ServiceKeyViews.AdminView.of(rotated));
  }

  /** {@code POST /{purpose}/rotate}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record RotateRequest(@Nullable String signingAlgo) {}
}
