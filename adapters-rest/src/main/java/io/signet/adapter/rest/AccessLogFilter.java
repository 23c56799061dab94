package io.signet.adapter.rest;

import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.signet.domain.access.Principal;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts {@code request_id} (and, once the API key is authenticated, {@code tenant_id}) in the MDC of
 * every thread that works on the request, so every log line of a request carries them, and writes
 * one access line per request ({@code io.signet.access}: method, matched route template, status,
 * duration, tenant, request id). Never the raw path's query, a header or a body.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AccessLogFilter implements Ordered {
  static final String REQUEST_ID = "request_id";
  static final String TENANT_ID = "tenant_id";
  private static final Logger ACCESS = LoggerFactory.getLogger("io.signet.access");
  private static final String STARTED = "signet.access.started";
  private static final String MDC_ELEMENT = "signet.access.mdc";

  @RequestFilter
  void start(HttpRequest<?> request, MutablePropagatedContext context) {
    request.setAttribute(STARTED, System.nanoTime());
    MdcPropagationContext element =
        new MdcPropagationContext(Map.of(REQUEST_ID, Exchange.requestId(request).toString()));
    request.setAttribute(MDC_ELEMENT, element);
    context.add(element);
  }

  @ResponseFilter
  void log(HttpRequest<?> request, MutableHttpResponse<?> response) {
    long started = request.getAttribute(STARTED, Long.class).orElseGet(System::nanoTime);
    long nanos = System.nanoTime() - started;
    String requestId = Exchange.requestId(request).toString();
    String tenantId = tenantId(request);
    String route = RequestMetricsFilter.route(request);
    // The line carries the request's ids in its MDC whichever thread writes it; only the two keys
    // are set and put back (copying the whole MDC map twice per request cost more than the line).
    String previousRequestId = MDC.get(REQUEST_ID);
    String previousTenantId = MDC.get(TENANT_ID);
    try {
      MDC.put(REQUEST_ID, requestId);
      if (tenantId != null) MDC.put(TENANT_ID, tenantId);
      var line =
          ACCESS
              .atInfo()
              .addKeyValue("method", request.getMethodName())
              .addKeyValue("route", route)
              .addKeyValue("status", response.code())
              .addKeyValue("duration_ms", Math.round(nanos / 10_000.0) / 100.0);
      if (tenantId != null) line = line.addKeyValue(TENANT_ID, tenantId);
      line.addKeyValue(REQUEST_ID, requestId)
          .log(
              "{} {} {} {} ms", request.getMethodName(), route, response.code(), oneDecimal(nanos));
    } finally {
      restore(REQUEST_ID, previousRequestId);
      if (tenantId != null) restore(TENANT_ID, previousTenantId);
    }
  }

  /** {@code nanos} in milliseconds with one decimal, rounded half up (as {@code %.1f} writes). */
  static String oneDecimal(long nanos) {
    long tenths = Math.round(nanos / 100_000.0);
    return tenths / 10 + "." + tenths % 10;
  }

  private static void restore(String key, String previous) {
    if (previous == null) MDC.remove(key);
    else MDC.put(key, previous);
  }

  /**
   * Called once the API key is known: every later thread of the request also logs the tenant.
   * Replaces the element {@link #start} added, so one MDC element describes the request.
   */
  static void addTenant(HttpRequest<?> request, MutablePropagatedContext context) {
    String tenantId = tenantId(request);
    if (tenantId == null) return;
    Map<String, String> values = new HashMap<>();
    values.put(REQUEST_ID, Exchange.requestId(request).toString());
    values.put(TENANT_ID, tenantId);
    MdcPropagationContext element = new MdcPropagationContext(Map.copyOf(values));
    request
        .getAttribute(MDC_ELEMENT, MdcPropagationContext.class)
        .ifPresentOrElse(old -> context.replace(old, element), () -> context.add(element));
    request.setAttribute(MDC_ELEMENT, element);
  }

  private static String tenantId(HttpRequest<?> request) {
    return request
        .getAttribute(Exchange.PRINCIPAL, Principal.class)
        .map(p -> p.tenant().value().toString())
        .orElse(null);
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 2;
  }
}
