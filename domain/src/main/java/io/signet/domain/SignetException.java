package io.signet.domain;

import java.time.Duration;

/**
 * Every expected failure of Signet. The REST adapter maps each subtype to one HTTP status and error
 * code in a single exhaustive switch.
 *
 * <p>Security: messages are written for the caller. They never carry key material, PINs, API keys
 * or payloads, so adapters may show them as they are.
 */
public abstract sealed class SignetException extends RuntimeException {

  private SignetException(String message) {
    super(message, null, false, false);
  }

  private SignetException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** The request is malformed or names something that cannot be. Nothing was changed. */
  public static final class InvalidRequest extends SignetException {
    private final Reason reason;

    public InvalidRequest(Reason reason, String message) {
      super(message);
      this.reason = reason;
    }

    public static InvalidRequest field(String message) {
      return new InvalidRequest(Reason.INVALID_FIELD, message);
    }

    public Reason reason() {
      return reason;
    }

    /** Why a request is invalid; each reason has its own error code on the wire. */
    public enum Reason {
      /** The body is not JSON, or not a JSON object. */
      MALFORMED_BODY,
      /** A field is missing, of the wrong type, badly encoded or out of range. */
      INVALID_FIELD,
      /** A message, hash or signature is over the configured size limit. */
      TOO_LARGE,
      /** The hash algorithm is not supported for the key's algorithm. */
      UNSUPPORTED_HASH,
      /** The hash length does not match the hash algorithm. */
      HASH_LENGTH
    }
  }

  /** The named thing does not exist, or is in a status that hides it from this operation. */
  public static final class NotFound extends SignetException {
    public NotFound(String message) {
      super(message);
    }
  }

  /**
   * The operation is not allowed in the current state (a lifecycle conflict), or would take the
   * tenant over its live key-version quota ({@link #quotaExceeded()}).
   */
  public static final class Conflict extends SignetException {
    private final boolean quotaExceeded;

    public Conflict(String message) {
      this(message, false);
    }

    private Conflict(String message, boolean quotaExceeded) {
      super(message);
      this.quotaExceeded = quotaExceeded;
    }

    /**
     * A refusal by the live key-version quota: unlike a lost race, retrying does not help until
     * versions are archived.
     */
    public static Conflict quotaExceeded(String message) {
      return new Conflict(message, true);
    }

    public boolean quotaExceeded() {
      return quotaExceeded;
    }
  }

  /** No credential, or one that is unknown, malformed or revoked. Deliberately unspecific. */
  public static final class Unauthenticated extends SignetException {
    public Unauthenticated() {
      super("missing or invalid credentials");
    }
  }

  /** The credential is valid but lacks the permission the operation needs. */
  public static final class Forbidden extends SignetException {
    public Forbidden(String message) {
      super(message);
    }
  }

  /** The caller has spent its budget; it may try again after {@link #retryAfter()}. */
  public static final class RateLimited extends SignetException {
    private final Duration retryAfter;
    private final long limit;

    public RateLimited(Duration retryAfter, long limit) {
      this(
          "rate limit exceeded; retry after " + secondsUp(retryAfter, 1) + " s", retryAfter, limit);
    }

    /** With a message of its own (which budget, and how to get room). */
    public RateLimited(String message, Duration retryAfter, long limit) {
      super(message);
      this.retryAfter = retryAfter;
      this.limit = limit;
    }

    public Duration retryAfter() {
      return retryAfter;
    }

    /** {@link #retryAfter()} in whole seconds, rounded up, at least 1 (for {@code Retry-After}). */
    public long retryAfterSeconds() {
      return secondsUp(retryAfter, 1);
    }

    /**
     * {@code duration} in whole seconds rounded up, at least {@code floor}: how every wait is told
     * to a client (headers and messages carry whole seconds, and a client must not come back
     * early).
     */
    public static long secondsUp(Duration duration, long floor) {
      return Math.max(floor, (duration.toMillis() + 999) / 1000);
    }

    /** The budget (units, or key creations for the creation quota) this caller has at most. */
    public long limit() {
      return limit;
    }
  }

  /**
   * A wallet login or a wallet token was refused (DESIGN §6). The {@link Reason} is all a caller
   * learns: the message names the rule, never the key, the signature or the token.
   */
  public static final class LoginRefused extends SignetException {
    private final Refusal reason;

    public LoginRefused(Refusal reason, String message) {
      super(message);
      this.reason = reason;
    }

    public Refusal reason() {
      return reason;
    }

    /** Why; each has its wire code ({@link #code()}) and is either malformed or unauthorized. */
    public enum Refusal {
      /** The login names an algorithm other than secp256k1 (malformed). */
      UNSUPPORTED_ALGORITHM("unsupported_algorithm", true),
      /** The login names a chain this service does not accept (malformed). */
      UNSUPPORTED_CHAIN("unsupported_chain", true),
      /** The signature is not the public key's EIP-191 signature of the message, or is high-S. */
      INVALID_SIGNATURE("invalid_signature", false),
      /** The message's time is outside the accepted window (past or future). */
      STALE_TIMESTAMP("stale_timestamp", false),
      /** This signed message was already used to log in. */
      REPLAYED("replayed", false),
      /** The Sign-In with Ethereum nonce is unknown, expired or used, or the domain is foreign. */
      INVALID_NONCE("invalid_nonce", false),
      /** A presented wallet token is malformed, not ours, tampered with or expired. */
      INVALID_TOKEN("invalid_token", false);

      private final String code;
      private final boolean malformed;

      Refusal(String code, boolean malformed) {
        this.code = code;
        this.malformed = malformed;
      }

      public String code() {
        return code;
      }

      /** True for a malformed request (400), false for a refused credential (401). */
      public boolean malformed() {
        return malformed;
      }
    }
  }

  /**
   * A dependency (the HSM or the database) is unavailable. The operation did not take effect: in
   * particular, nothing was signed and nothing was changed.
   */
  public static final class Unavailable extends SignetException {
    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
