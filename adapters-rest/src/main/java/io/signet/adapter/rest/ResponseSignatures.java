package io.signet.adapter.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.signet.domain.audit.RequestId;
import io.signet.domain.signing.SigningEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The signing events of the signatures a receipted response releases, held with the request so that
 * they commit with the response's receipt, in one transaction (DESIGN §5.2, §8). {@link
 * ReceiptFilter} opens the holder once it knows the response will get a receipt (before the
 * controller runs) and takes the events when it records the receipt; the signing log the use cases
 * write to hands its events over here ({@link #handOver}) instead of committing them on their own.
 * No signature leaves before its record is durable: the response that carries it is sent only after
 * the receipt's commit, and becomes 503 when that fails.
 */
public final class ResponseSignatures {
  private static final String ATTRIBUTE = "signet.response-signatures";
  private final RequestId requestId;
  private final List<SigningEvent> events = new ArrayList<>();
  private boolean taken;

  private ResponseSignatures(RequestId requestId) {
    this.requestId = requestId;
  }

  /**
   * Hands {@code events} to the receipt of the current request's response, if it will get one and
   * they belong to it; true if taken (they will commit with the receipt), false if the caller must
   * record them itself.
   */
  public static boolean handOver(List<SigningEvent> events) {
    Optional<HttpRequest<Object>> request = ServerRequestContext.currentRequest();
    return request.isPresent()
        && request
            .get()
            .getAttribute(ATTRIBUTE, ResponseSignatures.class)
            .map(held -> held.add(events))
            .orElse(false);
  }

  /** From now on the request's signing events wait for its receipt. */
  static void open(HttpRequest<?> request) {
    request.setAttribute(ATTRIBUTE, new ResponseSignatures(Exchange.requestId(request)));
  }

  /** The events handed over so far; none are taken after this. */
  static List<SigningEvent> take(HttpRequest<?> request) {
    return request
        .getAttribute(ATTRIBUTE, ResponseSignatures.class)
        .map(ResponseSignatures::takeAll)
        .orElse(List.of());
  }

  private synchronized boolean add(List<SigningEvent> more) {
    if (taken || !more.stream().allMatch(e -> e.requestId().equals(requestId))) return false;
    events.addAll(more);
    return true;
  }

  private synchronized List<SigningEvent> takeAll() {
    taken = true;
    return List.copyOf(events);
  }
}
