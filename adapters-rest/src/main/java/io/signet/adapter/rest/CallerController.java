package io.signet.adapter.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /api/v1/me}: who the presented API key is (tenant, key id, scopes). No scope needed.
 */
@Controller("/api/v1")
final class CallerController {
  private final Exchange exchange;

  CallerController(Exchange exchange) {
    this.exchange = exchange;
  }

  @Get("/me")
  HttpResponse<Envelope> me(HttpRequest<?> request) {
    return exchange.ok(request, Views.CallerView.of(Exchange.principal(request)));
  }
}
