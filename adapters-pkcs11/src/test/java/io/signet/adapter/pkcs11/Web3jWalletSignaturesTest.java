package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.wallet.EthereumAddress;
import io.signet.domain.wallet.EthereumSignature;
import io.signet.domain.wallet.WalletPublicKey;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Recovery against signatures made by other implementations: ethers v6 ({@link EthersVectors}) and
 * web3j's own signer.
 */
class Web3jWalletSignaturesTest {
  private final Web3jWalletSignatures signatures = new Web3jWalletSignatures();

  static WalletPublicKey key(String hex) {
    return new WalletPublicKey(Bytes.of(HexFormat.of().parseHex(hex)));
  }

  static EthereumSignature signature(String hex) {
    return EthereumSignature.parse(Bytes.of(HexFormat.of().parseHex(hex)));
  }

  @Test
  void derivesTheAddressFromEitherEncodingOfTheKey() {
    EthereumAddress expected = new EthereumAddress(EthersVectors.ADDRESS);
    assertThat(signatures.address(key(EthersVectors.PK_UNCOMPRESSED))).isEqualTo(expected);
    assertThat(signatures.address(key(EthersVectors.PK_COMPRESSED))).isEqualTo(expected);
    assertThat(signatures.checksummed(expected)).isEqualTo(EthersVectors.CHECKSUMMED);
  }

  @Test
  void recoversTheSignerOfEthersSignatures() {
    assertThat(signatures.personalSigner(EthersVectors.MESSAGE, signature(EthersVectors.SIGNATURE)))
        .contains(new EthereumAddress(EthersVectors.ADDRESS));
    assertThat(
            signatures.personalSigner(EthersVectors.SIWE, signature(EthersVectors.SIWE_SIGNATURE)))
        .contains(new EthereumAddress(EthersVectors.ADDRESS));
  }

  @Test
  void recoversAnotherAddressForAnyChangedBit() {
    byte[] sig = HexFormat.of().parseHex(EthersVectors.SIGNATURE);
    sig[10] ^= 1;
    assertThat(
            signatures.personalSigner(
                EthersVectors.MESSAGE, EthereumSignature.parse(Bytes.of(sig))))
        .isNotEqualTo(java.util.Optional.of(new EthereumAddress(EthersVectors.ADDRESS)));
    assertThat(
            signatures.personalSigner(
                EthersVectors.MESSAGE + " ", signature(EthersVectors.SIGNATURE)))
        .isNotEqualTo(java.util.Optional.of(new EthereumAddress(EthersVectors.ADDRESS)));
  }

  @Test
  void recoversWhatWeb3jSigns() throws Exception {
    ECKeyPair pair = Keys.createEcKeyPair();
    Sign.SignatureData data =
        Sign.signPrefixedMessage("hello".getBytes(java.nio.charset.StandardCharsets.UTF_8), pair);
    byte[] rsv = new byte[65];
    System.arraycopy(data.getR(), 0, rsv, 0, 32);
    System.arraycopy(data.getS(), 0, rsv, 32, 32);
    rsv[64] = data.getV()[0];
    assertThat(signatures.personalSigner("hello", EthereumSignature.parse(Bytes.of(rsv))))
        .contains(new EthereumAddress("0x" + Keys.getAddress(pair.getPublicKey())));
  }

  @Test
  void findsNoSignerWhenRIsNoPointOfTheCurve() {
    // x = 5 has no y on secp256k1 (5^3 + 7 = 132 is not a square mod p).
    EthereumSignature noPoint = new EthereumSignature(BigInteger.valueOf(5), BigInteger.ONE, 0);
    assertThat(signatures.personalSigner("hello", noPoint)).isEmpty();
  }

  @Test
  void refusesKeysThatAreNotPointsOfTheCurve() {
    String offCurve = "04" + "00".repeat(31) + "01" + "00".repeat(31) + "01";
    assertThatThrownBy(() -> signatures.address(key(offCurve)))
        .isInstanceOf(SignetException.InvalidRequest.class)
        .hasMessageContaining("not a point");
    String noX = "02" + "ff".repeat(32);
    assertThatThrownBy(() -> signatures.address(key(noX)))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }
}
