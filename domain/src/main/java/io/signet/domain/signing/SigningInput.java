package io.signet.domain.signing;

import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;
import io.signet.domain.key.Algorithm;
import java.util.stream.Collectors;

/**
 * What is signed or verified: a whole message, or the hash of one computed by the caller; each with
 * an optional context string (FIPS 204 ctx, at most 255 bytes; empty when absent) and the signature
 * {@link SignatureFormat} the caller asked for ({@code null}: the algorithm's default).
 */
public sealed interface SigningInput {
  int MAX_CONTEXT_BYTES = 255;

  Bytes context();

  /** The format asked for, or null for the algorithm's default; see {@link #formatFor}. */
  SignatureFormat format();

  /** The bytes whose SHA-256 the audit records: the message, or the caller's hash. */
  Bytes payload();

  /** The format this input's signature has with {@code algorithm}. */
  default SignatureFormat formatFor(Algorithm algorithm) {
    return format() == null ? algorithm.defaultFormat() : format();
  }

  /**
   * Throws unless {@code algorithm} can sign this input: the format must be one of the algorithm's
   * (ERR_SIG_001), a hash one it takes (ERR_SIG_010), a context only where the algorithm has one
   * (ML-DSA and composite), and an {@code ethereum} hash a Keccak-256 one (ERR_SIG_010).
   */
  default void requireSupportedBy(Algorithm algorithm) {
    if (format() != null && !algorithm.formats().contains(format())) {
      throw SignetException.InvalidRequest.field(
          "format "
              + format().wireName()
              + " is not valid for "
              + algorithm.wireName()
              + "; it takes "
              + algorithm.formats().stream()
                  .map(SignatureFormat::wireName)
                  .collect(Collectors.joining(", ")));
    }
    if (context().length() > 0 && !algorithm.hasContext()) {
      throw SignetException.InvalidRequest.field(
          "context is not valid for " + algorithm.wireName() + " (only ML-DSA and composite)");
    }
    if (this instanceof Digest digest) digest.requireHashSupportedBy(algorithm);
  }

  record Message(Bytes message, Bytes context, SignatureFormat format) implements SigningInput {
    public Message {
      requireContext(context);
      if (message == null) throw new IllegalArgumentException("message is required");
    }

    /** A message in the algorithm's default format. */
    public Message(Bytes message, Bytes context) {
      this(message, context, null);
    }

    @Override
    public Bytes payload() {
      return message;
    }
  }

  record Digest(HashAlgorithm algorithm, Bytes hash, Bytes context, SignatureFormat format)
      implements SigningInput {
    public Digest {
      requireContext(context);
      if (algorithm == null || hash == null) throw new IllegalArgumentException("hash is required");
      if (hash.length() != algorithm.length()) {
        throw new SignetException.InvalidRequest(
            Reason.HASH_LENGTH,
            "a "
                + algorithm.wireName()
                + " hash is "
                + algorithm.length()
                + " bytes, not "
                + hash.length());
      }
    }

    /** A hash in the algorithm's default format. */
    public Digest(HashAlgorithm algorithm, Bytes hash, Bytes context) {
      this(algorithm, hash, context, null);
    }

    private void requireHashSupportedBy(Algorithm keyAlgorithm) {
      if (keyAlgorithm == Algorithm.COMPOSITE_ML_DSA && algorithm != HashAlgorithm.SHA_512) {
        throw new SignetException.InvalidRequest(
            Reason.UNSUPPORTED_HASH,
            "Composite-ML-DSA pre-hashes the message with SHA-512 (id-MLDSA65-ECDSA-P256-SHA512), so"
                + " sign-hash and verify-hash take only hash_algorithm SHA-512 for it");
      }
      if (!keyAlgorithm.takes(algorithm)) {
        throw new SignetException.InvalidRequest(
            Reason.UNSUPPORTED_HASH,
            keyAlgorithm.hashAlgorithms().isEmpty()
                ? keyAlgorithm.wireName()
                    + " signs whole messages only (PureEdDSA): use sign / verify, not sign-hash"
                : "hash_algorithm "
                    + algorithm.wireName()
                    + " is not supported for "
                    + keyAlgorithm.wireName()
                    + "; it takes "
                    + keyAlgorithm.hashAlgorithms().stream()
                        .map(HashAlgorithm::wireName)
                        .collect(Collectors.joining(", ")));
      }
      if (formatFor(keyAlgorithm) == SignatureFormat.ETHEREUM
          && algorithm != HashAlgorithm.KECCAK_256) {
        throw new SignetException.InvalidRequest(
            Reason.UNSUPPORTED_HASH,
            "format ethereum signs a Keccak-256 hash: hash_algorithm must be KECCAK-256");
      }
    }

    @Override
    public Bytes payload() {
      return hash;
    }
  }

  private static void requireContext(Bytes context) {
    if (context == null) throw new IllegalArgumentException("context is required (empty for none)");
    if (context.length() > MAX_CONTEXT_BYTES) {
      throw SignetException.InvalidRequest.field(
          "context must be at most " + MAX_CONTEXT_BYTES + " bytes");
    }
  }
}
