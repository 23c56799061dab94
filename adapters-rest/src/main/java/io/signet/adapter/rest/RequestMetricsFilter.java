package io.signet.adapter.rest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.signet.domain.access.Principal;
import java.time.Duration;
import java.util.Set;

/**
 * Times every request into {@code signet.http.server.requests}, tagged with the matched route
 * template (never the raw path: tenant ids and unknown URLs would make the label set unbounded),
 * the method (a standard one, else {@code OTHER}, for the same reason), the status and the caller's
 * plan ({@code none} for operator and anonymous calls), and counts rate-limit rejections by plan.
 * Runs first and answers last, so it sees the 401s and 429s the other filters return.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestMetricsFilter implements Ordered {
  private static final String STARTED = "signet.metrics.started";
  private static final Set<String> STANDARD_METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  @RequestFilter
  void start(HttpRequest<?> request) {
    request.setAttribute(STARTED, System.nanoTime());
  }

  @ResponseFilter
  void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
    long started = request.getAttribute(STARTED, Long.class).orElseGet(System::nanoTime);
    String plan = plan(request);
    int status = response.code();
    Timer.builder("signet.http.server.requests")
        .description("HTTP requests by matched route, method, status and tenant plan")
        .tag("route", route(request))
        .tag("method", method(request))
        .tag("status", Integer.toString(status))
        .tag("plan", plan)
        .publishPercentileHistogram()
        .register(Metrics.globalRegistry)
        .record(Duration.ofNanos(System.nanoTime() - started));
    if (status == 429) {
      Counter.builder("signet.rate.limit.rejections")
          .description("429 answers (rate limits and quotas) by tenant plan")
          .tag("plan", plan)
          .register(Metrics.globalRegistry)
          .increment();
    }
  }

  /**
   * The request's method if it is one of HTTP's standard methods, {@code OTHER} otherwise: the
   * method token is the client's to choose, and anyone (no credentials needed) could otherwise add
   * a histogram per made-up method.
   */
  static String method(HttpRequest<?> request) {
    String name = request.getMethodName();
    return STANDARD_METHODS.contains(name) ? name : "OTHER";
  }

  /** The route template the router matched, or {@code UNMATCHED} (a 404 or a refused method). */
  static String route(HttpRequest<?> request) {
    return BasicHttpAttributes.getUriTemplate(request).orElse("UNMATCHED");
  }

  static String plan(HttpRequest<?> request) {
    return request
        .getAttribute(Exchange.PRINCIPAL, Principal.class)
        .map(p -> p.plan().wireName())
        .orElse("none");
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 1;
  }
}
