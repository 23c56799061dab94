package io.signet.adapter.rest;

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

/**
 * Times every request into {@code signet.http.server.requests}, tagged with the matched route
 * template (never the raw path: tenant ids and unknown URLs would make the label set unbounded),
 * the method, the status and the caller's plan ({@code none} for operator and anonymous calls), and
 * counts rate-limit rejections by plan. Runs first and answers last, so it sees the 401s and 429s
 * the other filters return.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestMetricsFilter implements Ordered {
  private static final String STARTED = "signet.metrics.started";

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
        .tag("method", request.getMethodName())
        .tag("status", Integer.toString(status))
        .tag("plan", plan)
        .publishPercentileHistogram()
        .register(Metrics.globalRegistry)
        .record(Duration.ofNanos(System.nanoTime() - started));
    if (status == 429) {
      Metrics.counter("signet.rate.limit.rejections", "plan", plan).increment();
    }
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
