package io.signet.domain.wallet;

/**
 * Sign-In with Ethereum messages written by the siwe 2.x npm package's {@code prepareMessage()}
 * (the reference implementation), shared with the adapters' tests through this module's test-jar
 * (the PKCS#11 adapter's tests verify an ethers signature over {@link #WITH_STATEMENT}).
 */
public final class SiweVectors {
  /** With a statement, an expiration time and a resource. */
  public static final String WITH_STATEMENT =
      """
      wallet.example.org wants you to sign in with your Ethereum account:
      0x2c7536E3605D9C16a7a3D7b1898e529396a65c23

      Sign in to Signet.

      URI: https://wallet.example.org/login
      Version: 1
      Chain ID: 1
      Nonce: 0123456789abcdef0123456789abcdef
      Issued At: 2025-11-22T08:26:40.000Z
      Expiration Time: 2025-11-22T08:36:40.000Z
      Resources:
      - https://wallet.example.org/terms""";

  private SiweVectors() {}
}
