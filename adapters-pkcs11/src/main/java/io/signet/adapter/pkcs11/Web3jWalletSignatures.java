package io.signet.adapter.pkcs11;

import io.signet.application.port.WalletSignatures;
import io.signet.domain.SignetException;
import io.signet.domain.wallet.EthereumAddress;
import io.signet.domain.wallet.EthereumSignature;
import io.signet.domain.wallet.WalletPublicKey;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * {@link WalletSignatures} with web3j's crypto module (public-key recovery, Keccak-256, EIP-55)
 * over BouncyCastle's secp256k1: no curve arithmetic of our own. Runs in process; wallet keys are
 * public, nothing here touches the HSM.
 */
@Singleton
public final class Web3jWalletSignatures implements WalletSignatures {
  private static final ECCurve SECP256K1 = CustomNamedCurves.getByName("secp256k1").getCurve();

  @Override
  public EthereumAddress address(WalletPublicKey key) {
    ECPoint point;
    try {
      point = SECP256K1.decodePoint(key.encoded().toArray());
    } catch (IllegalArgumentException e) {
      throw notOnCurve();
    }
    if (point.isInfinity() || !point.isValid()) throw notOnCurve();
    byte[] uncompressed = point.getEncoded(false);
    return EthereumAddress.of(Keys.getAddress(Arrays.copyOfRange(uncompressed, 1, 65)));
  }

  @Override
  public Optional<EthereumAddress> personalSigner(String message, EthereumSignature signature) {
    byte[] hash = Sign.getEthereumMessageHash(message.getBytes(StandardCharsets.UTF_8));
    BigInteger publicKey;
    try {
      publicKey =
          Sign.recoverFromSignature(
              signature.recoveryId(), new ECDSASignature(signature.r(), signature.s()), hash);
    } catch (RuntimeException e) {
      // web3j reports an r that is no x-coordinate of the curve by throwing; that is no signer.
      return Optional.empty();
    }
    if (publicKey == null) return Optional.empty();
    return Optional.of(EthereumAddress.of(Keys.getAddress(Numeric.toBytesPadded(publicKey, 64))));
  }

  @Override
  public String checksummed(EthereumAddress address) {
    return Keys.toChecksumAddress(address.value());
  }

  private static SignetException notOnCurve() {
    return SignetException.InvalidRequest.field("pk is not a point of the secp256k1 curve");
  }
}
