package io.signet.domain.wallet;

import io.signet.domain.SignetException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A 20-byte Ethereum account address, held and printed as {@code 0x} + 40 lowercase hex digits (the
 * form of the {@code sub} claim). Mixed-case (EIP-55) input is accepted by {@link #parse}; whether
 * its checksum is right is the caller's question.
 */
public record EthereumAddress(String value) {
  public EthereumAddress {
    if (value == null || !value.matches("0x[0-9a-f]{40}")) {
      throw new IllegalArgumentException("an address is 0x and 40 lowercase hex digits");
    }
  }

  public static EthereumAddress of(byte[] twentyBytes) {
    if (twentyBytes.length != 20) throw new IllegalArgumentException("an address is 20 bytes");
    return new EthereumAddress("0x" + HexFormat.of().formatHex(twentyBytes));
  }

  /** {@code 0x} + 40 hex digits in either case; anything else is an invalid request. */
  public static EthereumAddress parse(String text) {
    if (text == null || !text.matches("0x[0-9a-fA-F]{40}")) {
      throw SignetException.InvalidRequest.field("an address is 0x and 40 hex digits");
    }
    return new EthereumAddress(text.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return value;
  }
}
