package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.signet.domain.SignetException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a request body that does not say it is JSON in UTF-8, where the framework would read it
 * anyway. Every route that takes a body consumes {@code application/json}, and the framework
 * refuses another stated type (400 ERR_INVALID_001, {@link ErrorResponses}), but it matches a body
 * that states no type at all, and it ignores the {@code charset} parameter, so a body labelled
 * UTF-16 was read as UTF-8. Both are refused here the same way, 400 ERR_INVALID_001 (DESIGN §3.3:
 * wrong content type): a POST or PUT body without {@code Content-Type}, and a body whose {@code
 * charset} is not UTF-8 (RFC 8259 §8.1: JSON exchanged between systems is UTF-8). A request with no
 * body needs no type. Runs after authentication and inside the receipt, as the framework's own
 * refusal of a wrong type does, and before rate limiting (nothing was done).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ContentTypeFilter implements Ordered {
  private static final Set<HttpMethod> WITH_BODY =
      Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
  private final ErrorResponses errors;

  ContentTypeFilter(ErrorResponses errors) {
    this.errors = errors;
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> refuseUntyped(HttpRequest<?> request) {
    if (!ContentCodingFilter.hasBody(request.getHeaders())) return null;
    Optional<MediaType> type = request.getContentType();
    String refusal;
    if (type.isEmpty()) {
      if (!WITH_BODY.contains(request.getMethod())) return null;
      refusal = "the request body must be application/json: the request has no Content-Type";
    } else {
      String charset = type.get().getParameters().get("charset").orElse(null);
      if (charset == null || utf8(charset)) return null;
      refusal =
          "the request body must be application/json in UTF-8: charset "
              + ContentCodingFilter.printable(charset)
              + " is not supported";
    }
    return errors.handle(
        request,
        new SignetException.InvalidRequest(
            SignetException.InvalidRequest.Reason.MALFORMED_BODY, refusal));
  }

  private static boolean utf8(String charset) {
    String name = charset.strip();
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1);
    }
    try {
      return Charset.isSupported(name)
          && Charset.forName(name.toLowerCase(Locale.ROOT)).equals(StandardCharsets.UTF_8);
    } catch (IllegalCharsetNameException e) {
      return false;
    }
  }

  @Override
  public int getOrder() {
    // After authentication (+100) and the receipt (+150), before rate limiting (+200).
    return HIGHEST_PRECEDENCE + 160;
  }
}
