package io.signet.adapter.rest;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Wallet-login routes answer errors in Relation One's shape, {@code {"code": "<reason>", "message":
 * "…"}} (DESIGN §6), not in Signet's envelope. {@link ErrorResponses} still decides every status
 * and code; this filter only rewrites the envelope it produced on {@code /auth} routes: the reasons
 * of a refused login pass as they are, Signet's own codes become §6's words ({@code
 * invalid_request}, {@code rate_limited}, {@code not_found}, {@code unavailable}), and a body over
 * a size limit or of the wrong content type is a 400 {@code invalid_request} like any malformed
 * body.
 */
@ServerFilter({"/auth", "/auth/**"})
final class WalletErrorShape implements Ordered {

  @ResponseFilter
  void reshape(MutableHttpResponse<?> response) {
    if (!(response.getBody().orElse(null) instanceof Envelope envelope)
        || envelope.error() == null) {
      return;
    }
    String code = code(envelope.error().errorCode());
    if (response.getStatus() == HttpStatus.REQUEST_ENTITY_TOO_LARGE) {
      response.status(HttpStatus.BAD_REQUEST); // a wrong content type is 400 already
    }
    response
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(new WalletError(code, envelope.error().message()));
  }

  static String code(String signetCode) {
    if (!signetCode.startsWith("ERR_")) return signetCode;
    return switch (signetCode) {
      case "ERR_RATE_LIMIT_001" -> "rate_limited";
      case "ERR_NOT_FOUND_001" -> "not_found";
      case "ERR_SERVICE_001" -> "unavailable";
      case "ERR_INTERNAL_001" -> "internal_error";
      default -> "invalid_request";
    };
  }

  /** The error body of DESIGN §6. */
  @Serdeable
  record WalletError(String code, String message) {}

  @Override
  public int getOrder() {
    // Outside the client throttle, so that its 429 is reshaped too.
    return HIGHEST_PRECEDENCE + 10;
  }
}
