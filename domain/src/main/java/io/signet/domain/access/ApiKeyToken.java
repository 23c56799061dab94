package io.signet.domain.access;

import io.signet.domain.Bytes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The plaintext of an API key, as the caller sends it: {@code sgn_<key id, 32 hex>_<secret>}, the
 * secret being 256 random bits in unpadded base64url.
 *
 * <p>Security: the key id lets Signet find the stored key without comparing secrets; the secret is
 * stored only as its SHA-256 (it has full entropy, so a slow hash adds nothing) and compared in
 * constant time. {@link #toString()} never prints the secret.
 */
public final class ApiKeyToken {
  public static final int SECRET_BYTES = 32;
  private static final Pattern FORMAT = Pattern.compile("sgn_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");

  private final ApiKeyId id;
  private final String secret;

  private ApiKeyToken(ApiKeyId id, String secret) {
    this.id = id;
    this.secret = secret;
  }

  /** A fresh key with 256 bits from {@code random}. */
  public static ApiKeyToken issue(ApiKeyId id, SecureRandom random) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return new ApiKeyToken(id, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /** Parses what a caller sent; empty when it does not have the shape of a Signet API key. */
  public static Optional<ApiKeyToken> parse(String presented) {
    if (presented == null) return Optional.empty();
    var m = FORMAT.matcher(presented);
    if (!m.matches()) return Optional.empty();
    String hex = m.group(1);
    UUID uuid =
        new UUID(
            HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
    return Optional.of(new ApiKeyToken(new ApiKeyId(uuid), m.group(2)));
  }

  public ApiKeyId id() {
    return id;
  }

  /** The SHA-256 of the secret: the only form in which Signet stores it. */
  public Bytes secretHash() {
    return Bytes.sha256(secret.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** The full key to show the caller once, at issuance. */
  public String reveal() {
    UUID u = id.value();
    return "sgn_"
        + HexFormat.of().toHexDigits(u.getMostSignificantBits())
        + HexFormat.of().toHexDigits(u.getLeastSignificantBits())
        + "_"
        + secret;
  }

  @Override
  public String toString() {
    return "ApiKeyToken[" + id + ", secret redacted]";
  }
}
