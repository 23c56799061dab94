package io.signet.domain.signing;

import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;
import io.signet.domain.key.Algorithm;

/**
 * What is signed or verified: a whole message, or the hash of one computed by the caller; each with
 * an optional context string (FIPS 204 ctx, at most 255 bytes; empty when absent).
 */
public sealed interface SigningInput {
  int MAX_CONTEXT_BYTES = 255;

  Bytes context();

  /** Throws unless {@code algorithm} can sign this input (a composite pre-hashes with SHA-512). */
  void requireSupportedBy(Algorithm algorithm);

  /** The bytes whose SHA-256 the audit records: the message, or the caller's hash. */
  Bytes payload();

  record Message(Bytes message, Bytes context) implements SigningInput {
    public Message {
      requireContext(context);
      if (message == null) throw new IllegalArgumentException("message is required");
    }

    @Override
    public void requireSupportedBy(Algorithm algorithm) {}

    @Override
    public Bytes payload() {
      return message;
    }
  }

  record Digest(HashAlgorithm algorithm, Bytes hash, Bytes context) implements SigningInput {
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

    @Override
    public void requireSupportedBy(Algorithm keyAlgorithm) {
      if (keyAlgorithm == Algorithm.COMPOSITE_ML_DSA && algorithm != HashAlgorithm.SHA_512) {
        throw new SignetException.InvalidRequest(
            Reason.UNSUPPORTED_HASH,
            "Composite-ML-DSA pre-hashes the message with SHA-512 (id-MLDSA65-ECDSA-P256-SHA512), so"
                + " sign-hash and verify-hash take only hash_algorithm SHA-512 for it");
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
