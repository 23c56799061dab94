package io.signet.domain;

/** Validation of the short human-readable names Signet stores (tenant and API key names). */
public final class Text {
  private Text() {}

  /**
   * Returns {@code value} if it is 1..{@code max} characters with no control characters and not
   * blank; otherwise throws {@link SignetException.InvalidRequest} naming {@code field}.
   */
  public static String requireName(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw SignetException.InvalidRequest.field(field + " must be a non-blank string");
    }
    if (value.length() > max) {
      throw SignetException.InvalidRequest.field(field + " must be at most " + max + " characters");
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw SignetException.InvalidRequest.field(field + " must not contain control characters");
    }
    return value;
  }
}
