package io.signet.adapter.rest;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Adds the authenticated tenant to the request's logging context; runs right after {@link
 * ApiKeyFilter} has authenticated the caller, before anything that might log on its behalf.
 */
@ServerFilter({"/api/**", "/v1/**"})
final class TenantLogFilter implements Ordered {

  @RequestFilter
  void tag(HttpRequest<?> request, MutablePropagatedContext context) {
    AccessLogFilter.addTenant(request, context);
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 150;
  }
}
