package io.signet.adapter.rest;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/** Gives every response, errors included, the {@code X-Request-Id} its body names. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {

  @ResponseFilter
  void tag(HttpRequest<?> request, MutableHttpResponse<?> response) {
    // set, not added: ErrorResponses sets the same header on the errors it writes
    response.getHeaders().set(Exchange.REQUEST_ID_HEADER, Exchange.requestId(request).toString());
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE;
  }
}
