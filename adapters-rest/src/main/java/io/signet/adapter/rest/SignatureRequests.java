package io.signet.adapter.rest;

import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;
import io.signet.domain.access.Principal;
import io.signet.domain.key.KeyName;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SignatureFormat;
import io.signet.domain.signing.SigningInput;
import java.util.HashSet;
import java.util.Set;

/**
 * The one place where a signature request's fields become a key name, a {@link SigningInput} and a
 * signature: for the single endpoints and for each item of a batch alike. {@code key_version} is
 * required; {@code algorithm} defaults to Dilithium3; {@code format} to the algorithm's default;
 * {@code context} is optional base64 (at most 255 bytes decoded). Payloads are strict base64 and at
 * most {@code maxPayloadBytes} decoded: larger is ERR_SIG_002.
 */
final class SignatureRequests {
  static final Set<String> SIGN =
      Set.of("message", "key_version", "algorithm", "context", "format");
  static final Set<String> VERIFY =
      Set.of("message", "signature", "key_version", "algorithm", "context", "format");
  static final Set<String> SIGN_HASH =
      Set.of("hash", "hash_algorithm", "key_version", "algorithm", "context", "format");
  static final Set<String> VERIFY_HASH =
      Set.of(
          "hash", "hash_algorithm", "signature", "key_version", "algorithm", "context", "format");

  /** A batch item is a sign or a sign-hash request (a verify or a verify-hash one). */
  static final Set<String> SIGN_ITEM = union(SIGN, SIGN_HASH);

  static final Set<String> VERIFY_ITEM = union(VERIFY, VERIFY_HASH);

  private final int maxPayloadBytes;

  SignatureRequests(int maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /** A parsed request: what to sign or verify with which key; the signature when verifying. */
  record Parsed(KeyName key, SigningInput input, Bytes signature) {
    boolean hash() {
      return input instanceof SigningInput.Digest;
    }
  }

  /** What a request signs: a message, a hash, or (a batch item) whichever its fields give. */
  enum Kind {
    MESSAGE,
    HASH,
    EITHER
  }

  /** A sign (message) or sign-hash (hash) request. */
  Parsed sign(Principal caller, JsonBody fields, Kind kind) {
    return new Parsed(keyName(caller, fields), input(fields, kind), null);
  }

  /** A verify (message) or verify-hash (hash) request. */
  Parsed verify(Principal caller, JsonBody fields, Kind kind) {
    KeyName key = keyName(caller, fields);
    SigningInput input = input(fields, kind);
    return new Parsed(key, input, payload(fields, "signature"));
  }

  private SigningInput input(JsonBody fields, Kind kind) {
    boolean message =
        switch (kind) {
          case MESSAGE -> true;
          case HASH -> false;
          case EITHER -> fields.has("message");
        };
    boolean hash = fields.has("hash") || fields.has("hash_algorithm");
    if (kind == Kind.EITHER && message == hash) {
      throw SignetException.InvalidRequest.field(
          message
              ? "give either message or hash (with hash_algorithm), not both"
              : "message is required (or hash with hash_algorithm)");
    }
    SignatureFormat format =
        fields.optionalString("format").map(SignatureFormat::parse).orElse(null);
    if (message) {
      return new SigningInput.Message(payload(fields, "message"), context(fields), format);
    }
    HashAlgorithm algorithm = HashAlgorithm.parse(fields.string("hash_algorithm"));
    return new SigningInput.Digest(algorithm, payload(fields, "hash"), context(fields), format);
  }

  private static KeyName keyName(Principal caller, JsonBody fields) {
    int version = KeyName.requireVersion(fields.integer("key_version"));
    return new KeyName(caller.tenant(), KeyOperations.algorithm(fields), version);
  }

  private Bytes payload(JsonBody fields, String field) {
    String encoded = fields.string(field);
    if (encoded.length() > 4L * ((maxPayloadBytes + 2) / 3)) throw tooLarge(field);
    byte[] decoded = JsonBody.base64(field, encoded);
    if (decoded.length > maxPayloadBytes) throw tooLarge(field);
    return Bytes.of(decoded);
  }

  private static Bytes context(JsonBody fields) {
    return Bytes.of(
        fields
            .optionalString("context")
            .map(c -> JsonBody.base64("context", c))
            .orElse(new byte[0]));
  }

  private SignetException tooLarge(String field) {
    return new SignetException.InvalidRequest(
        Reason.TOO_LARGE, field + " is over the limit of " + maxPayloadBytes + " bytes (decoded)");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
