package io.signet.adapter.pkcs11;

import io.signet.domain.wallet.SiweVectors;

/**
 * Made with ethers v6 ({@code new Wallet(…).signMessage(…)}) and the siwe 2.x package ({@code
 * prepareMessage()}) under Node 20, for the well-known test private key
 * 0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318: an implementation independent
 * of web3j and BouncyCastle. The timestamp is 2025-11-22T08:26:40Z.
 */
final class EthersVectors {
  static final String ADDRESS = "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23";
  static final String CHECKSUMMED = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";
  static final String PK_UNCOMPRESSED =
      "044e3b81af9c2234cad09d679ce6035ed1392347ce64ce405f5dcd36228a25de6e"
          + "47fd35c4215d1edf53e6f83de344615ce719bdb0fd878f6ed76f06dd277956de";
  static final String PK_COMPRESSED =
      "024e3b81af9c2234cad09d679ce6035ed1392347ce64ce405f5dcd36228a25de6e";
  static final long TIMESTAMP = 1763800000000L;
  static final String MESSAGE =
      "Welcome to Relation!\n\nSign this message to log in. This request will not trigger a"
          + " blockchain transaction or cost any gas fees.\n\nWallet address:\n"
          + "0x2c7536e3605d9c16a7a3d7b1898e529396a65c23\n\nTimestamp:1763800000000";
  static final String SIGNATURE =
      "f20eb7baaf74942bb9781ad737b9f1f69896469c5407ff9b79c3060f84f9ee43"
          + "1b41ac71de8230f88befd1e7abad76cb61866126f8b06c71776f828a018b93561c";

  /** The siwe package's message ({@link SiweVectors#WITH_STATEMENT}), signed below. */
  static final String SIWE = SiweVectors.WITH_STATEMENT;

  static final String SIWE_SIGNATURE =
      "c8834066121618433f1f6ebdc339063f65db6e716d6e7755786b867e06999904"
          + "4c3b0ceb4b78384044a643c84931c027f1ddb24f9d6382520f6f0a5e7b7c85981c";

  private EthersVectors() {}
}
