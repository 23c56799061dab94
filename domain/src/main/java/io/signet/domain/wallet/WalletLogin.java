package io.signet.domain.wallet;

import io.signet.domain.SignetException;
import io.signet.domain.SignetException.LoginRefused.Refusal;

/**
 * A wallet's login request as DESIGN §6 defines it, its encodings already checked: the public key,
 * the signature algorithm's name (only {@code secp256k1} is accepted), the signed text, the
 * wallet's name, its personal_sign signature and the chain.
 */
public record WalletLogin(
    WalletPublicKey publicKey,
    String algorithm,
    String message,
    String walletName,
    EthereumSignature signature,
    String chain) {
  public static final String SECP256K1 = "secp256k1";

  public WalletLogin {
    if (publicKey == null
        || algorithm == null
        || message == null
        || walletName == null
        || signature == null
        || chain == null) {
      throw new IllegalArgumentException("every login field is required");
    }
  }

  /** Refuses any algorithm but secp256k1, before anything else is looked at. */
  public static String requireAlgorithm(String algorithm) {
    if (!SECP256K1.equals(algorithm)) {
      throw new SignetException.LoginRefused(
          Refusal.UNSUPPORTED_ALGORITHM, "algorithm must be {\"secp256k1\": null}");
    }
    return algorithm;
  }
}
