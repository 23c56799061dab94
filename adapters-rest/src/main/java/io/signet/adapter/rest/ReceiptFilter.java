package io.signet.adapter.rest;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.body.CloseableAvailableByteBody;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.signet.application.RecordReceipt;
import io.signet.domain.Bytes;
import io.signet.domain.Causes;
import io.signet.domain.SignetException;
import io.signet.domain.access.Principal;
import io.signet.domain.signing.SigningEvent;
import jakarta.inject.Named;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receipts for every authenticated tenant response under {@code /api/v1/} (DESIGN §5.2), success or
 * error. On the way in, the SHA-256 of the exact request body bytes (a split of the body, read
 * before the controller claims it); on the way out, the response body is serialized here, once,
 * into the exact bytes that will be sent, and their SHA-256 recorded durably (group commit) before
 * the response leaves, in the same transaction as the signing-log records of the signatures the
 * response carries ({@link ResponseSignatures}). When the receipt cannot be made durable the
 * response is replaced by 503 ERR_SERVICE_001: a 200 never leaves without its receipt, and no
 * signature without its record. The only responses without a receipt are refusals before the body
 * is read and the caller is known: over the server's body limit (413), or too many bodies in flight
 * (503, {@link BodyBudgetFilter}).
 *
 * <p>Runs inside authentication (a receipt needs a tenant) and outside rate limiting, so a 429 to a
 * known tenant is receipted too.
 */
@ServerFilter("/api/v1/**")
final class ReceiptFilter implements Ordered {
  static final String REQUEST_SHA256 = "signet.request-sha256";
  static final int HASH_IN_PLACE_MAX_BYTES = 16 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(ReceiptFilter.class);
  private final RecordReceipt record;
  private final JsonMapper json;
  private final Exchange exchange;
  private final Executor blocking;

  ReceiptFilter(
      RecordReceipt record,
      JsonMapper json,
      Exchange exchange,
      @Named(TaskExecutors.BLOCKING) Executor blocking) {
    this.record = record;
    this.json = json;
    this.exchange = exchange;
    this.blocking = blocking;
  }

  /**
   * Hashes the request body once it has arrived, without holding a thread while it arrives; the
   * filter chain goes on when the hash is set. A body of up to {@value #HASH_IN_PLACE_MAX_BYTES}
   * bytes is hashed on the thread that completes it (possibly Netty's event loop, for about as long
   * as parsing it takes); a larger one on the blocking executor, so that no large body holds up the
   * event loop's other connections.
   */
  @RequestFilter
  CompletionStage<HttpRequest<?>> hashRequest(HttpRequest<?> request) {
    if (!record.enabled()
        || principal(request).isEmpty()
        || !(request instanceof ServerHttpRequest<?> server)) {
      return CompletableFuture.completedFuture(request);
    }
    // A split leaves the body to the controller; the copy is bounded by the server's body limit.
    return server
        .byteBody()
        .split(ByteBody.SplitBackpressureMode.FASTEST)
        .buffer()
        .thenCompose(
            body ->
                body.length() <= HASH_IN_PLACE_MAX_BYTES
                    ? CompletableFuture.completedFuture(hashed(request, body))
                    : CompletableFuture.supplyAsync(() -> hashed(request, body), blocking))
        .exceptionally(
            unreadable -> {
              // No hash (the body was refused, e.g. over the size limit): see seal().
              LOG.debug("request body not read for its receipt: {}", unreadable.getMessage());
              return request;
            });
  }

  private static HttpRequest<?> hashed(HttpRequest<?> request, CloseableAvailableByteBody body) {
    try (body) {
      request.setAttribute(REQUEST_SHA256, Bytes.sha256(body.toByteArray()));
    }
    // This response will get a receipt (or become 503): its signatures' records commit with it.
    ResponseSignatures.open(request);
    return request;
  }

  /**
   * Records the receipt of {@code response}; the response goes on when it is durable, on its
   * connection's event loop (where it is written anyway), so no thread waits for the commit. A
   * receipt that cannot be made durable turns the response into 503.
   */
  @ResponseFilter
  CompletionStage<MutableHttpResponse<?>> seal(
      HttpRequest<?> request, MutableHttpResponse<?> response) {
    CompletionStage<MutableHttpResponse<?>> unchanged = CompletableFuture.completedFuture(response);
    if (!record.enabled()) return unchanged;
    List<SigningEvent> signatures = ResponseSignatures.take(request);
    Optional<Principal> caller = principal(request);
    if (caller.isEmpty()) return unchanged;
    Optional<Bytes> requestHash = request.getAttribute(REQUEST_SHA256, Bytes.class);
    if (requestHash.isEmpty() && response.code() >= 400) {
      // The body was refused before it was read (413): there are no received bytes to hash, and
      // the refusal changed nothing. Such an error goes without a receipt.
      return unchanged;
    }
    if (requestHash.isEmpty()) {
      return CompletableFuture.completedFuture(
          unavailable(
              request,
              response,
              new SignetException.Unavailable("the request body could not be hashed", null)));
    }
    byte[] sent = freeze(response);
    return record
        .record(
            caller.get().tenant(),
            Exchange.requestId(request),
            requestHash.get(),
            Bytes.sha256(sent),
            signatures)
        .handleAsync(
            (durable, failure) -> {
              if (failure == null) return response;
              Optional<SignetException> refused = Causes.find(failure, SignetException.class);
              if (refused.isPresent()) return unavailable(request, response, refused.get());
              // A defect (not a refusal): the response fails as a whole, never leaves as it was.
              throw failure instanceof CompletionException c ? c : new CompletionException(failure);
            },
            eventLoopOf(request));
  }

  private MutableHttpResponse<?> unavailable(
      HttpRequest<?> request, MutableHttpResponse<?> response, SignetException why) {
    LOG.warn("response replaced by 503: its receipt is not durable ({})", why.getMessage());
    replaceWithUnavailable(request, response);
    return response;
  }

  /** The thread the response is written from: its connection's event loop. */
  private Executor eventLoopOf(HttpRequest<?> request) {
    return request instanceof NettyHttpRequest<?> netty
        ? netty.getChannelHandlerContext().channel().eventLoop()
        : blocking;
  }

  /** Serializes the body into the bytes that will be sent, and makes them the body. */
  @SuppressWarnings("unchecked")
  private byte[] freeze(MutableHttpResponse<?> response) {
    Object body = response.getBody().orElse(null);
    if (body == null) return new byte[0];
    byte[] bytes;
    if (body instanceof byte[] raw) {
      bytes = raw;
    } else {
      try {
        bytes = json.writeValueAsBytes(body);
      } catch (IOException e) {
        throw new IllegalStateException("response body does not serialize", e);
      }
    }
    ((MutableHttpResponse<Object>) response).body(bytes);
    return bytes;
  }

  @SuppressWarnings("unchecked")
  private void replaceWithUnavailable(HttpRequest<?> request, MutableHttpResponse<?> response) {
    try {
      byte[] failure =
          json.writeValueAsBytes(
              exchange.failure(
                  request,
                  "ERR_SERVICE_001",
                  "database unavailable: the receipt of this response could not be stored"));
      response.status(HttpStatus.SERVICE_UNAVAILABLE);
      ((MutableHttpResponse<Object>) response).body(failure);
    } catch (IOException e) {
      throw new IllegalStateException("error body does not serialize", e);
    }
  }

  private static Optional<Principal> principal(HttpRequest<?> request) {
    return request.getAttribute(Exchange.PRINCIPAL, Principal.class);
  }

  @Override
  public int getOrder() {
    // After ApiKeyFilter (+100), before RateLimitFilter (+200).
    return HIGHEST_PRECEDENCE + 150;
  }
}
