package io.signet.bootstrap;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * A wallet made by web3j (an implementation independent of the service's recovery path: web3j signs
 * here with its own deterministic ECDSA), and the request bodies of DESIGN §6 it would send.
 */
final class TestWallet {
  final ECKeyPair pair;

  TestWallet() {
    try {
      pair = Keys.createEcKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String address() {
    return "0x" + Keys.getAddress(pair.getPublicKey());
  }

  String checksummedAddress() {
    return Keys.toChecksumAddress(address());
  }

  /** The uncompressed SEC 1 public key, hex without 0x. */
  String pk() {
    return "04" + Numeric.toHexStringNoPrefixZeroPadded(pair.getPublicKey(), 128);
  }

  /** EIP-191 personal_sign: r‖s‖v hex without 0x, v ∈ {27, 28}. */
  String sign(String message) {
    Sign.SignatureData data =
        Sign.signPrefixedMessage(message.getBytes(java.nio.charset.StandardCharsets.UTF_8), pair);
    HexFormat hex = HexFormat.of();
    return hex.formatHex(data.getR()) + hex.formatHex(data.getS()) + hex.formatHex(data.getV());
  }

  /** Relation One's message shape, ending in {@code Timestamp:<ms>}. */
  String relationMessage(long millis) {
    return "Welcome to Relation!\n\nSign this message to log in. This request will not trigger a"
        + " blockchain transaction or cost any gas fees.\n\nWallet address:\n"
        + address()
        + "\n\nTimestamp:"
        + millis;
  }

  String siweMessage(String domain, String nonce, String issuedAt) {
    return domain
        + " wants you to sign in with your Ethereum account:\n"
        + checksummedAddress()
        + "\n\nSign in to Signet.\n\nURI: https://"
        + domain
        + "/login\nVersion: 1\nChain ID: 1\nNonce: "
        + nonce
        + "\nIssued At: "
        + issuedAt;
  }

  /** The §6 request body, with any field replaced by raw JSON. */
  String body(String message, String signature) {
    return body(pk(), "{\"secp256k1\":null}", message, signature, "eth");
  }

  static String body(String pk, String algorithm, String message, String signature, String chain) {
    return "{\"pk\":\""
        + pk
        + "\",\"algorithm\":"
        + algorithm
        + ",\"message\":"
        + json(message)
        + ",\"wallet_name\":\"metamask\",\"decoded_signature\":\""
        + signature
        + "\",\"chain_name\":\""
        + chain
        + "\"}";
  }

  static String json(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }
}
