package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signet.application.AuthenticateApiKey;
import io.signet.domain.SignetException;

/**
 * Authenticates tenant routes by {@code X-API-Key}. A missing, unknown, malformed or revoked key is
 * a 401 before any route code runs; the scope each route needs is checked by the route itself,
 * against the principal this filter leaves on the request. {@code /v1/signing-keys} is public.
 */
@ServerFilter({"/api/**", "/v1/**"})
final class ApiKeyFilter implements Ordered {
  static final String HEADER = "X-API-Key";
  private final AuthenticateApiKey authenticate;
  private final ErrorResponses errors;

  ApiKeyFilter(AuthenticateApiKey authenticate, ErrorResponses errors) {
    this.authenticate = authenticate;
    this.errors = errors;
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Nullable
  HttpResponse<?> authenticate(HttpRequest<?> request) {
    String path = request.getPath();
    // The router takes the path with or without a trailing slash; so does the exemption.
    if (path.equals(PublicKeyController.SIGNING_KEYS)
        || path.equals(PublicKeyController.SIGNING_KEYS + "/")) {
      return null;
    }
    try {
      String presented = Exchange.soleCredential(request, HEADER).orElse(null);
      request.setAttribute(Exchange.PRINCIPAL, authenticate.authenticate(presented));
      return null;
    } catch (SignetException e) {
      return errors.handle(request, e);
    }
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 100;
  }
}
