package io.signet.bootstrap;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.management.health.indicator.HealthResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Set;

/**
 * The health endpoints show their components and details (which check failed, the token label) to
 * the operator only, presenting the admin bearer token (compared in constant time); everyone else
 * gets the status alone ({@code {"status":"UP"}}, with the same HTTP status). Without
 * micronaut-security the endpoint itself cannot tell callers apart, so it renders everything and
 * this filter cuts it down. It also answers a path under {@code /health} that names no probe as any
 * unknown path (404 ERR_NOT_FOUND_001): the endpoint's {@code /health/{probe}} route takes any
 * segment and refused an unknown one as a bad argument (400).
 */
@ServerFilter({"/health", "/health/**"})
final class HealthDetailsFilter {
  private final byte[] expected;

  HealthDetailsFilter(@Value("${signet.admin.token:}") String adminToken) {
    this.expected = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
  }

  /** Throws 404 for a path that is not {@code /health} or one of its probes. */
  @RequestFilter
  void knownProbesOnly(HttpRequest<?> request) {
    String path = request.getPath();
    // the router takes each path with or without one trailing slash
    String route = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (!ROUTES.contains(route)) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, "no such route");
    }
  }

  private static final Set<String> ROUTES =
      Set.of("/health", "/health/liveness", "/health/readiness");

  @ResponseFilter
  @SuppressWarnings("unchecked") // the body is replaced by another type, as a filter may do
  void hideDetails(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (isOperator(request)) return;
    response
        .getBody(HealthResult.class)
        .ifPresent(
            result -> {
              // the framework maps a DOWN result to 503 from the body; the body changes here, so
              // the status is set here too (a load balancer must see 503)
              if (!result.getStatus().getOperational().orElse(true)) {
                response.status(HttpStatus.SERVICE_UNAVAILABLE);
              }
              ((MutableHttpResponse<Object>) response)
                  .body(Map.of("status", result.getStatus().getName()));
            });
  }

  private boolean isOperator(HttpRequest<?> request) {
    String presented = request.getHeaders().getAuthorization().orElse(null);
    if (presented == null || expected.length <= "Bearer ".length()) return false;
    return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
  }
}
