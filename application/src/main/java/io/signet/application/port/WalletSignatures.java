package io.signet.application.port;

import io.signet.domain.wallet.EthereumAddress;
import io.signet.domain.wallet.EthereumSignature;
import io.signet.domain.wallet.WalletPublicKey;
import java.util.Optional;

/**
 * Ethereum signature arithmetic on secp256k1 with Keccak-256, done by a well-kept library.
 *
 * <p>Security: pure functions of their inputs; nothing is stored or logged.
 */
public interface WalletSignatures {
  /**
   * The address of a public key: the last 20 bytes of Keccak-256 of the uncompressed point's
   * coordinates. A key that is not a point of secp256k1 (or is the point at infinity) is an {@link
   * io.signet.domain.SignetException.InvalidRequest}.
   */
  EthereumAddress address(WalletPublicKey key);

  /**
   * The address of the key that made {@code signature} as an EIP-191 personal_sign of the UTF-8
   * bytes of {@code message} ({@code "\x19Ethereum Signed Message:\n" + length + message}, hashed
   * with Keccak-256); empty when no key can be recovered from it.
   */
  Optional<EthereumAddress> personalSigner(String message, EthereumSignature signature);

  /** The EIP-55 mixed-case form of an address. */
  String checksummed(EthereumAddress address);
}
