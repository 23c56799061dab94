package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.signet.domain.SignetException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses a request body that does not say it is JSON in UTF-8, where the framework would read it
 * anyway. Every route that takes a body consumes {@code application/json}, and the framework
 * refuses another stated type (400 ERR_INVALID_001, {@link ErrorResponses}), but it matches a body
 * that states no type at all, and it ignores the {@code charset} parameter, so a body labelled
 * UTF-16 was read as UTF-8. On a route that reads a body, these are refused the same way, 400
 * ERR_INVALID_001 (DESIGN §3.3: wrong content type): a body without {@code Content-Type}, or with
 * one that is not a media type or is sent twice; a {@code charset} parameter (its name in any case,
 * RFC 9110 §5.6.6) given twice or naming anything but UTF-8 (RFC 8259 §8.1: JSON exchanged between
 * systems is UTF-8). A request with no body needs no type; routes that read no body, and unknown
 * routes, are left to the framework (200, 404, 405). Runs where the framework's own refusal of a
 * wrong type is made in effect: after authentication, inside the receipt, and after the rate
 * limit's charge (so both refusals cost one unit and carry {@code X-RateLimit-*}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ContentTypeFilter implements Ordered {
  private static final Set<String> UTF_8 = Set.of("utf-8", "utf8");
  private final ErrorResponses errors;

  ContentTypeFilter(ErrorResponses errors) {
    this.errors = errors;
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> refuseUntyped(HttpRequest<?> request) {
    HttpHeaders headers = request.getHeaders();
    if (!ContentCodingFilter.hasBody(headers) || !readsABody(request)) return null;
    return refusal(headers, request.getContentType())
        .<HttpResponse<?>>map(
            reason ->
                errors.handle(
                    request,
                    new SignetException.InvalidRequest(
                        SignetException.InvalidRequest.Reason.MALFORMED_BODY, reason)))
        .orElse(null);
  }

  private static boolean readsABody(HttpRequest<?> request) {
    return RouteAttributes.getRouteMatch(request)
        .map(route -> route.getRouteInfo().getRequestBodyType().isPresent())
        .orElse(false);
  }

  /** Why a body with these headers is not JSON in UTF-8, if it is not. */
  private static Optional<String> refusal(HttpHeaders headers, Optional<MediaType> type) {
    List<String> stated = headers.getAll(HttpHeaders.CONTENT_TYPE);
    if (stated.isEmpty()) {
      return Optional.of(
          "the request body must be application/json: the request has no Content-Type");
    }
    if (stated.size() > 1) {
      return Optional.of("the request body must be application/json: Content-Type is sent twice");
    }
    if (type.isEmpty()) {
      return Optional.of(
          "the request body must be application/json: Content-Type "
              + ContentCodingFilter.printable(stated.getFirst())
              + " is not a media type");
    }
    // as sent, not as parsed: the parsed parameters keep one value per spelling of the name
    List<String> charsets =
        Arrays.stream(stated.getFirst().split(";"))
            .skip(1)
            .map(parameter -> parameter.split("=", 2))
            .filter(parameter -> parameter[0].strip().equalsIgnoreCase("charset"))
            .map(parameter -> parameter.length > 1 ? parameter[1] : "")
            .toList();
    if (charsets.size() > 1) {
      return Optional.of("the request body must be application/json: charset is given twice");
    }
    if (charsets.isEmpty() || UTF_8.contains(unquoted(charsets.getFirst()))) {
      return Optional.empty();
    }
    return Optional.of(
        "the request body must be application/json in UTF-8: charset "
            + ContentCodingFilter.printable(charsets.getFirst())
            + " is not supported");
  }

  private static String unquoted(String value) {
    String name = value.strip();
    if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
      name = name.substring(1, name.length() - 1);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public int getOrder() {
    // After authentication (+100), the receipt (+150) and the rate limit's charge (+200).
    return HIGHEST_PRECEDENCE + 210;
  }
}
