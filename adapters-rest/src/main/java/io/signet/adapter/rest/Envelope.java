package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/**
 * The body of every Signet response: {@code {"data": …}} or {@code {"error": {error_code,
 * message}}}, always with {@code request_id} and {@code timestamp} (ISO-8601 UTC, milliseconds).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record Envelope(
    @Nullable Object data, @Nullable Failure error, String requestId, String timestamp) {

  @Serdeable(naming = SnakeCaseStrategy.class)
  record Failure(String errorCode, String message) {}
}
