package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.signet.application.ChargeRequest;
import io.signet.domain.SignetException;
import io.signet.domain.access.Principal;
import io.signet.domain.access.TokenBucket;

/**
 * Charges every authenticated tenant request to its API key's budget, weighted by what it costs
 * Signet: a signature (an ML-DSA signing, hedged, plus an audit commit) costs 10 units, a
 * verification 2, creating a key version 50, anything else 1; a batch costs each of its items (the
 * first here, the others when the controller has counted them). Over budget is 429
 * ERR_RATE_LIMIT_001 with {@code Retry-After}; every answer carries {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (seconds until the budget is full).
 */
@ServerFilter({"/api/**", "/v1/**"})
final class RateLimitFilter implements Ordered {
  private static final String DECISION = "signet.rate-limit";
  private final ChargeRequest charge;
  private final ErrorResponses errors;

  RateLimitFilter(ChargeRequest charge, ErrorResponses errors) {
    this.charge = charge;
    this.errors = errors;
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> charge(HttpRequest<?> request) {
    Principal caller = request.getAttribute(Exchange.PRINCIPAL, Principal.class).orElse(null);
    if (caller == null) return null;
    try {
      request.setAttribute(DECISION, charge.charge(caller, cost(request.getPath())));
      return null;
    } catch (SignetException.RateLimited limited) {
      return errors
          .handle(request, limited)
          .toMutableResponse()
          .header("X-RateLimit-Limit", Long.toString(limited.limit()))
          .header("X-RateLimit-Remaining", "0")
          .header("X-RateLimit-Reset", Long.toString(seconds(limited.retryAfter())));
    }
  }

  @ResponseFilter
  void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
    request
        .getAttribute(DECISION, TokenBucket.Decision.class)
        .ifPresent(
            decision ->
                response
                    .header(
                        "X-RateLimit-Limit",
                        Long.toString(charge.limit(Exchange.principal(request))))
                    .header("X-RateLimit-Remaining", Long.toString(decision.remaining()))
                    .header("X-RateLimit-Reset", Long.toString(seconds(decision.untilFull()))));
  }

  static int cost(String path) {
    if (path.endsWith("/signature/sign")
        || path.endsWith("/signature/sign-hash")
        || path.endsWith("/signature/sign-batch")) return 10;
    if (path.endsWith("/signature/verify")
        || path.endsWith("/signature/verify-hash")
        || path.endsWith("/signature/verify-batch")) return 2;
    if (path.endsWith("/kms/keys/generate") || path.endsWith("/kms/keys/rotate")) return 50;
    return 1;
  }

  private static long seconds(java.time.Duration duration) {
    return Math.max(0, (duration.toMillis() + 999) / 1000);
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 200;
  }
}
