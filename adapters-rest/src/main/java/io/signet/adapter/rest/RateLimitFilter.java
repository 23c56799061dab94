package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.signet.application.ChargeRequest;
import io.signet.domain.SignetException;
import io.signet.domain.access.Principal;
import io.signet.domain.access.TokenBucket;

/**
 * Charges every authenticated tenant request to its API key's budget, weighted by what it costs
 * Signet: a signature (an ML-DSA signing, hedged, plus an audit commit) costs 10 units, a
 * verification 2, creating a key version 50, anything else 1 (each route's {@link RateCost}); a
 * batch costs its route's cost per item ({@link #chargeItems}). Over budget is 429
 * ERR_RATE_LIMIT_001 with {@code Retry-After}; every answer carries {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining} and {@code X-RateLimit-Reset} (seconds until the budget is full).
 */
@ServerFilter({"/api/**", "/v1/**"})
final class RateLimitFilter implements Ordered {
  private static final String DECISION = "signet.rate-limit";

  /** The refusal a 429 answers (set by {@link ErrorResponses}): its headers describe it. */
  static final String LIMITED = "signet.rate-limited";

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
      request.setAttribute(DECISION, charge.charge(caller, cost(request)));
      return null;
    } catch (SignetException.RateLimited limited) {
      return limitedHeaders(errors.handle(request, limited).toMutableResponse(), limited);
    }
  }

  /**
   * Charges the items of a batch after the first: the request filter charged the route's cost once
   * before the body was read, and a batch costs that for each of its items, as the items would one
   * by one; a batch over the whole burst passes from a full budget and leaves it in debt ({@link
   * io.signet.domain.access.TokenBucket}). Over budget throws RateLimited (answered 429 with the
   * same headers as here), and the route's cost charged before is given back.
   */
  void chargeItems(HttpRequest<?> request, int items) {
    int first = cost(request);
    int more = (items - 1) * first;
    if (more <= 0) return;
    request.setAttribute(DECISION, charge.charge(Exchange.principal(request), more, first));
  }

  private static MutableHttpResponse<?> limitedHeaders(
      MutableHttpResponse<?> response, SignetException.RateLimited limited) {
    return response
        .header("X-RateLimit-Limit", Long.toString(limited.limit()))
        .header("X-RateLimit-Remaining", "0")
        .header("X-RateLimit-Reset", Long.toString(seconds(limited.retryAfter())));
  }

  @ResponseFilter
  void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
    var limited = request.getAttribute(LIMITED, SignetException.RateLimited.class);
    if (limited.isPresent()) {
      limitedHeaders(response, limited.get());
      return;
    }
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

  /** The {@link RateCost} of the matched route; 1 for a route without one, or no route at all. */
  static int cost(HttpRequest<?> request) {
    return RouteAttributes.getRouteMatch(request)
        .map(route -> route.getAnnotationMetadata().intValue(RateCost.class).orElse(1))
        .orElse(1);
  }

  private static long seconds(java.time.Duration duration) {
    return SignetException.RateLimited.secondsUp(duration, 0);
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 200;
  }
}
