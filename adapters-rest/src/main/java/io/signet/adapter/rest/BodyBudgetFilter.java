package io.signet.adapter.rest;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.signet.application.StartupFailure;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Bounds the request bodies held in memory at once. A request that carries a body is charged its
 * declared length (the server's size limit when it declares none) against {@code
 * signet.http.max-in-flight-body-bytes} before the body is read, and the charge is returned when
 * the exchange ends however it ends (answered, failed or abandoned by the client). Over the budget
 * it is 503 ERR_SERVICE_001 with {@code Retry-After: 1}, so a flood of large bodies is turned away
 * instead of exhausting the heap, and small signing requests are never in the way of each other.
 *
 * <p>Made at start ({@code @Context}): a budget under the server's body limit would refuse the
 * largest bodies the server takes with 503 "retry shortly" for ever, even on an idle service, so
 * such a setting stops the start with one line instead.
 */
@Context
@Filter(Filter.MATCH_ALL_PATTERN)
final class BodyBudgetFilter implements HttpServerFilter, Ordered {
  private final long budget;
  private final long maxRequestSize;
  private final Exchange exchange;
  private final AtomicLong inFlight = new AtomicLong();

  BodyBudgetFilter(
      @Value("${signet.http.max-in-flight-body-bytes:67108864}") long budget,
      @Value("${micronaut.server.max-request-size:10485760}") @ReadableBytes long maxRequestSize,
      Exchange exchange) {
    if (budget < maxRequestSize) {
      throw new StartupFailure(
          "signet.http.max-in-flight-body-bytes (SIGNET_HTTP_MAX_IN_FLIGHT_BODY_BYTES) must be at"
              + " least micronaut.server.max-request-size ("
              + maxRequestSize
              + " bytes): a body the server takes could never be admitted");
    }
    this.budget = budget;
    this.maxRequestSize = maxRequestSize;
    this.exchange = exchange;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    long charge = charge(request);
    if (charge == 0) return chain.proceed(request);
    if (!tryAcquire(charge)) {
      return Publishers.just(
          exchange
              .error(
                  request,
                  HttpStatus.SERVICE_UNAVAILABLE,
                  "ERR_SERVICE_001",
                  "too many request bodies in flight; retry shortly")
              .header(HttpHeaders.RETRY_AFTER, "1"));
    }
    return Flux.from(chain.proceed(request)).doFinally(signal -> inFlight.addAndGet(-charge));
  }

  /** Bytes of request bodies admitted and not yet finished. */
  long inFlightBytes() {
    return inFlight.get();
  }

  private long charge(HttpRequest<?> request) {
    HttpHeaders headers = request.getHeaders();
    long declared = headers.contentLength().orElse(-1L);
    if (declared > 0) return Math.min(declared, maxRequestSize);
    if (declared == 0) return 0;
    return headers.contains(HttpHeaders.TRANSFER_ENCODING) ? maxRequestSize : 0;
  }

  private boolean tryAcquire(long charge) {
    while (true) {
      long current = inFlight.get();
      if (current + charge > budget) return false;
      if (inFlight.compareAndSet(current, current + charge)) return true;
    }
  }

  @Override
  public int getOrder() {
    // After the request id (so the refusal carries it), before authentication.
    return HIGHEST_PRECEDENCE + 50;
  }
}
