package io.signet.adapter.rest;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.signet.application.StartupFailure;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Authenticates the operator API by {@code Authorization: Bearer <SIGNET_ADMIN_TOKEN>}. Both sides
 * are hashed before a constant-time comparison, so neither the content nor the length of the token
 * leaks through timing. Signet refuses to start without a token of at least 32 characters.
 */
@Context
@ServerFilter("/admin/**")
final class AdminTokenFilter implements Ordered {
  static final int MIN_TOKEN_LENGTH = 32;
  private final byte[] expected;
  private final ErrorResponses errors;

  AdminTokenFilter(@Value("${signet.admin.token:}") String token, ErrorResponses errors) {
    if (token == null || token.length() < MIN_TOKEN_LENGTH) {
      throw new StartupFailure(
          "SIGNET_ADMIN_TOKEN must be set to at least " + MIN_TOKEN_LENGTH + " characters");
    }
    this.expected = sha256(token);
    this.errors = errors;
  }

  @RequestFilter
  @Nullable
  HttpResponse<?> authenticate(HttpRequest<?> request) {
    String header = Exchange.soleCredential(request, HttpHeaders.AUTHORIZATION).orElse("");
    boolean bearer = header.regionMatches(true, 0, "Bearer ", 0, 7);
    byte[] presented = sha256(bearer ? header.substring(7) : "");
    if (bearer && MessageDigest.isEqual(expected, presented)) return null;
    return errors.handle(request, new SignetException.Unauthenticated());
  }

  private static byte[] sha256(String value) {
    return Bytes.sha256(value.getBytes(StandardCharsets.UTF_8)).toArray();
  }

  @Override
  public int getOrder() {
    return HIGHEST_PRECEDENCE + 100;
  }
}
