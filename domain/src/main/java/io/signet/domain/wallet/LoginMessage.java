package io.signet.domain.wallet;

import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a wallet signed to log in, by its form (DESIGN §6): either any text ending in {@code
 * Timestamp:<milliseconds since the epoch>} (Relation One's form) or a Sign-In with Ethereum
 * message. At most {@value #MAX_BYTES} bytes of UTF-8.
 */
public sealed interface LoginMessage {
  int MAX_BYTES = 4096;

  /** The signed text, exactly as received. */
  String text();

  /** Text ending in {@code Timestamp:<ms>}. */
  record Timestamped(String text, Instant timestamp) implements LoginMessage {}

  /** An EIP-4361 message. */
  record SignIn(String text, SiweMessage siwe) implements LoginMessage {}

  /**
   * Reads the form of {@code text}: a first line ending like a SIWE preamble makes it SIWE
   * (strictly parsed); otherwise it must end with {@code Timestamp:} and 1 to 15 digits, nothing
   * after.
   */
  static LoginMessage parse(String text) {
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new SignetException.InvalidRequest(
          Reason.TOO_LARGE, "message must be at most " + MAX_BYTES + " bytes");
    }
    if (text.isEmpty()) throw SignetException.InvalidRequest.field("message must not be empty");
    if (SiweMessage.looksLike(text)) return new SignIn(text, SiweMessage.parse(text));
    Matcher suffix = Suffix.TIMESTAMP.matcher(text);
    if (!suffix.find()) {
      throw SignetException.InvalidRequest.field(
          "message must end with Timestamp:<milliseconds since the epoch>, or be a Sign-In with"
              + " Ethereum message");
    }
    return new Timestamped(text, Instant.ofEpochMilli(Long.parseLong(suffix.group(1))));
  }

  /** Holder of the suffix pattern (interfaces cannot have private static fields). */
  final class Suffix {
    static final Pattern TIMESTAMP = Pattern.compile("Timestamp:([0-9]{1,15})\\z");

    private Suffix() {}
  }
}
