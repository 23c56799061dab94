package io.signet.bootstrap;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.management.health.indicator.HealthResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The health endpoints show their components and details (which check failed, the token label) to
 * the operator only, presenting the admin bearer token (compared in constant time); everyone else
 * gets the status alone ({@code {"status":"UP"}}, with the same HTTP status). Without
 * micronaut-security the endpoint itself cannot tell callers apart, so it renders everything and
 * this filter cuts it down.
 */
@ServerFilter({"/health", "/health/**"})
final class HealthDetailsFilter {
  private final byte[] expected;

  HealthDetailsFilter(@Value("${signet.admin.token:}") String adminToken) {
    this.expected = ("Bearer " + adminToken).getBytes(StandardCharsets.UTF_8);
  }

  @ResponseFilter
  @SuppressWarnings("unchecked") // the body is replaced by another type, as a filter may do
  void hideDetails(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (isOperator(request)) return;
    response
        .getBody(HealthResult.class)
        .ifPresent(
            result ->
                ((MutableHttpResponse<Object>) response)
                    .body(Map.of("status", result.getStatus().getName())));
  }

  private boolean isOperator(HttpRequest<?> request) {
    String presented = request.getHeaders().getAuthorization().orElse(null);
    if (presented == null || expected.length <= "Bearer ".length()) return false;
    return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8));
  }
}
