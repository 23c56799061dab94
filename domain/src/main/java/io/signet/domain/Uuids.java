package io.signet.domain;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one text form of a UUID that Signet takes from a request (a path or query id): RFC 9562's
 * 8-4-4-4-12 ASCII hex digits, which the RFC reads case-insensitively. {@link UUID#fromString}
 * alone also takes forms that are not a UUID's text ({@code 1-1-1-1-1}, {@code +0000000-…}, other
 * scripts' digits), so that one id could be written many ways.
 */
public final class Uuids {
  private static final Pattern FORM =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Uuids() {}

  /** The UUID {@code text} writes, if it is in the form above; empty otherwise (null included). */
  public static Optional<UUID> parse(String text) {
    if (text == null || !FORM.matcher(text).matches()) return Optional.empty();
    return Optional.of(UUID.fromString(text));
  }
}
