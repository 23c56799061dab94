package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.signet.domain.SignetException;

/**
 * Refuses a request body in a content coding the server does not decode. The server decodes {@code
 * gzip} and {@code deflate} (and their {@code x-} names) before any filter runs and then removes
 * {@code Content-Encoding}; any other coding ({@code br}, {@code zstd}, a made-up one, a list such
 * as {@code gzip, br}) is left on the request with the body as received, which would then be read
 * as if it were plain. Such a body is 400 ERR_INVALID_001 naming the coding (DESIGN §3.3: a body
 * the server cannot read as JSON), with {@code Accept-Encoding} saying what is decoded (RFC 9110
 * §12.5.3), before authentication and before any byte of it is read. {@code identity} is no coding
 * at all.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ContentCodingFilter implements Ordered {
  static final String DECODED = "gzip, deflate";
  private final ErrorResponses errors;

  ContentCodingFilter(ErrorResponses errors) {
    this.errors = errors;
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> refuseUndecoded(HttpRequest<?> request) {
    HttpHeaders headers = request.getHeaders();
    if (!hasBody(headers)) return null;
    for (String coding : headers.getAll(HttpHeaders.CONTENT_ENCODING)) {
      if (coding.isBlank() || coding.strip().equalsIgnoreCase("identity")) continue;
      var refused =
          new SignetException.InvalidRequest(
              SignetException.InvalidRequest.Reason.MALFORMED_BODY,
              "Content-Encoding "
                  + printable(coding.strip())
                  + " is not supported: send the body uncompressed, or as gzip or deflate");
      return errors.handle(request, refused).toMutableResponse().header("Accept-Encoding", DECODED);
    }
    return null;
  }

  static boolean hasBody(HttpHeaders headers) {
    long length = headers.contentLength().orElse(-1L);
    return length > 0 || (length < 0 && headers.contains(HttpHeaders.TRANSFER_ENCODING));
  }

  /** A header value as the client sent it, quoted, cut short and without control characters. */
  static String printable(String coding) {
    String cut = coding.length() > 40 ? coding.substring(0, 40) + "…" : coding;
    return "\"" + cut.replaceAll("[^\\x20-\\x7e]", "?") + "\"";
  }

  @Override
  public int getOrder() {
    // After the request id (so the refusal carries it), before the body budget and authentication.
    return HIGHEST_PRECEDENCE + 40;
  }
}
