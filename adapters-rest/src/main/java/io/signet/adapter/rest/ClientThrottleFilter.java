package io.signet.adapter.rest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.signet.domain.SignetException;
import io.signet.domain.access.TokenBucket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Limits the unauthenticated wallet-login routes per client address, before any of their work: one
 * token bucket per address ({@code signet.auth.rate-limit.per-client-per-second}, burst {@code
 * …per-client-burst}), in a cache bounded to {@code …max-clients} addresses (least recently used
 * first out), so that neither a flood from one address nor one from very many addresses can grow
 * memory. Over budget: 429 with {@code Retry-After}. The address is the TCP peer's, unless {@code
 * signet.auth.rate-limit.client-address-header} names a header set by a trusted proxy in front (its
 * last entry is used: the one that proxy appended).
 */
@ServerFilter({"/auth", "/auth/**"})
final class ClientThrottleFilter implements Ordered {
  private final Cache<String, TokenBucket> buckets;
  private final double perSecond;
  private final double burst;
  private final String addressHeader;
  private final Clock clock;
  private final ErrorResponses errors;

  ClientThrottleFilter(
      @Value("${signet.auth.rate-limit.per-client-per-second:5}") double perSecond,
      @Value("${signet.auth.rate-limit.per-client-burst:20}") double burst,
      @Value("${signet.auth.rate-limit.max-clients:100000}") long maxClients,
      @Value("${signet.auth.rate-limit.client-address-header:}") String addressHeader,
      Clock clock,
      ErrorResponses errors) {
    if (perSecond <= 0 || burst < 1 || maxClients < 1) {
      throw new IllegalArgumentException("signet.auth.rate-limit.* must be positive");
    }
    this.buckets =
        Caffeine.newBuilder()
            .maximumSize(maxClients)
            .expireAfterAccess(Duration.ofMillis((long) Math.ceil(burst / perSecond * 1000)))
            .build();
    this.perSecond = perSecond;
    this.burst = burst;
    this.addressHeader = addressHeader;
    this.clock = clock;
    this.errors = errors;
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> throttle(HttpRequest<?> request) {
    Instant now = clock.instant();
    TokenBucket bucket =
        buckets.get(client(request), address -> new TokenBucket(burst, perSecond, now));
    TokenBucket.Decision decision;
    synchronized (bucket) {
      decision = bucket.take(1, now);
    }
    if (decision.allowed()) return null;
    return errors.handle(
        request, new SignetException.RateLimited(decision.retryAfter(), bucket.capacity()));
  }

  private String client(HttpRequest<?> request) {
    if (!addressHeader.isEmpty()) {
      String forwarded = request.getHeaders().get(addressHeader);
      if (forwarded != null && !forwarded.isBlank()) {
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        if (!last.isEmpty() && last.length() <= 64) return last;
      }
    }
    InetSocketAddress peer = request.getRemoteAddress();
    return peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress();
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 50;
  }
}
