package io.signet.adapter.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.signet.domain.access.Principal;
import io.signet.domain.access.Scope;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * What a request carries through Signet (its id, its authenticated principal) and how every
 * response is enveloped. The one place that writes {@code request_id} and {@code timestamp}.
 */
@Singleton
final class Exchange {
  static final String REQUEST_ID = "signet.request-id";
  static final String PRINCIPAL = "signet.principal";
  static final String REQUEST_ID_HEADER = "X-Request-Id";
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;

  Exchange(Clock clock) {
    this.clock = clock;
  }

  /** The request's id, assigned on first use (normally by {@link RequestIdFilter}). */
  static RequestId requestId(HttpRequest<?> request) {
    return request
        .getAttribute(REQUEST_ID, RequestId.class)
        .orElseGet(
            () -> {
              RequestId id = RequestId.next(Clock.systemUTC());
              request.setAttribute(REQUEST_ID, id);
              return id;
            });
  }

  /**
   * The value of a credential header {@code name} when the request carries exactly one; empty when
   * it has none or several. Several are no credential at all: a proxy in front may read the last
   * where this would read the first.
   */
  static Optional<String> soleCredential(HttpRequest<?> request, String name) {
    List<String> all = request.getHeaders().getAll(name);
    return all.size() == 1 ? Optional.of(all.getFirst()) : Optional.empty();
  }

  /** The authenticated API key; the authentication filter guarantees it on tenant routes. */
  static Principal principal(HttpRequest<?> request) {
    return request
        .getAttribute(PRINCIPAL, Principal.class)
        .orElseThrow(
            () -> new IllegalStateException("tenant route reached without authentication"));
  }

  /** The authenticated API key, if it carries {@code scope}; Forbidden otherwise. */
  static Principal authorize(HttpRequest<?> request, Scope scope) {
    Principal caller = principal(request);
    caller.require(scope);
    return caller;
  }

  static Invocation asOperator(HttpRequest<?> request) {
    return new Invocation(Actor.OPERATOR, requestId(request));
  }

  static Invocation asTenant(HttpRequest<?> request) {
    return new Invocation(principal(request).actor(), requestId(request));
  }

  <T> MutableHttpResponse<Envelope> ok(HttpRequest<?> request, T data) {
    return respond(request, HttpStatus.OK, data);
  }

  <T> MutableHttpResponse<Envelope> created(HttpRequest<?> request, T data) {
    return respond(request, HttpStatus.CREATED, data);
  }

  MutableHttpResponse<Envelope> error(
      HttpRequest<?> request, HttpStatus status, String code, String message) {
    return HttpResponse.<Envelope>status(status).body(failure(request, code, message));
  }

  Envelope failure(HttpRequest<?> request, String code, String message) {
    return new Envelope(
        null, new Envelope.Failure(code, message), requestId(request).toString(), now());
  }

  private <T> MutableHttpResponse<Envelope> respond(
      HttpRequest<?> request, HttpStatus status, T data) {
    return HttpResponse.<Envelope>status(status)
        .body(new Envelope(data, null, requestId(request).toString(), now()));
  }

  private String now() {
    return format(clock.instant());
  }

  /** ISO-8601 UTC with milliseconds, as every time in a response is written; null stays null. */
  static String format(Instant instant) {
    return instant == null ? null : TIMESTAMP.format(instant);
  }
}
