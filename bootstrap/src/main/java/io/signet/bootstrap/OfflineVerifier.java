package io.signet.bootstrap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.signet.adapter.pkcs11.ServiceKeyCryptography;
import io.signet.domain.Bytes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code signet verify receipt|report …}: checks a receipt (DESIGN §5.2) against the exact request
 * and response bytes and the pinned signing address, or an attestation report (§5.3) against the
 * expected nonce and the pinned attestation public key, with no server and no database. Prints
 * {@code valid} (exit 0) or {@code invalid: <reason>} (exit 1); a usage error exits 2.
 *
 * <pre>
 * verify receipt --receipt r.json --request req.bin --response resp.bin --address 0x…
 *                [--public-key &lt;base64 SPKI&gt;]   (required for rsa and ml-dsa)
 * verify report  --report report.json|report.jws --nonce &lt;64 hex&gt; --jwk attestation-jwk.json
 * </pre>
 */
final class OfflineVerifier {
  static final String USAGE =
      "usage: signet verify receipt --receipt r.json --request req.bin --response resp.bin"
          + " --address 0x… [--public-key <base64 SPKI>]\n"
          + "       signet verify report --report report.json|jws --nonce <64 hex> --jwk jwk.json";

  private OfflineVerifier() {}

  /** Runs {@code args} (without the leading {@code verify}); returns the exit code. */
  static int run(String[] args, PrintStream out) {
    Map<String, String> options = new HashMap<>();
    if (args.length == 0 || args.length % 2 == 0) return usage(out);
    for (int i = 1; i < args.length; i += 2) {
      if (!args[i].startsWith("--")) return usage(out);
      options.put(args[i].substring(2), args[i + 1]);
    }
    try {
      String problem =
          switch (args[0]) {
            case "receipt" -> receipt(options);
            case "report" -> report(options);
            default -> null;
          };
      if (problem == null && !args[0].equals("receipt") && !args[0].equals("report")) {
        return usage(out);
      }
      if (problem == null) {
        out.println("valid");
        return 0;
      }
      out.println("invalid: " + problem);
      return 1;
    } catch (Usage e) {
      out.println(e.getMessage());
      return usage(out);
    } catch (IOException e) {
      out.println("invalid: cannot read " + e.getMessage());
      return 1;
    }
  }

  private static int usage(PrintStream out) {
    out.println(USAGE);
    return 2;
  }

  /** The reason the receipt is not valid, or null when it is. */
  private static String receipt(Map<String, String> options) throws IOException {
    Map<String, Object> receipt;
    try {
      receipt = JSONObjectUtils.parse(read(options, "receipt"));
    } catch (ParseException e) {
      return "the receipt is not a JSON object";
    }
    // Without a pinned signer, a receipt made by anyone with their own key would pass.
    String pinned = required(options, "address");
    byte[] request = Files.readAllBytes(Path.of(required(options, "request")));
    byte[] response = Files.readAllBytes(Path.of(required(options, "response")));
    if (!(receipt.get("text") instanceof String text)
        || !(receipt.get("signature") instanceof String signatureHex)
        || !(receipt.get("signing_address") instanceof String address)
        || !(receipt.get("signing_algo") instanceof String algo)) {
      return "the receipt lacks text, signature, signing_address or signing_algo";
    }
    String expected = sha256Hex(request) + ":" + sha256Hex(response);
    if (!expected.equals(text)) {
      return "text does not match the request and response bytes (expected " + expected + ")";
    }
    if (!pinned.equalsIgnoreCase(address)) {
      return "signing_address " + address + " is not the expected " + pinned;
    }
    byte[] signature;
    try {
      if (!signatureHex.startsWith("0x")) return "signature is not 0x-prefixed hex";
      signature = HexFormat.of().parseHex(signatureHex.substring(2));
    } catch (IllegalArgumentException e) {
      return "signature is not 0x-prefixed hex";
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    try {
      return switch (algo) {
        case "ecdsa" -> ecdsa(signature, message, address);
        case "ecdsa-p256" -> p256(signature, message, address);
        case "rsa", "ml-dsa" -> withPublicKey(algo, signature, message, address, options);
        default -> "unknown signing_algo " + algo;
      };
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return algo + " signature check failed: " + e.getMessage();
    }
  }

  private static String ecdsa(byte[] signature, byte[] message, String address) {
    if (signature.length != 65) return "an ecdsa signature is 65 bytes (r‖s‖v)";
    if (signature[64] != 27 && signature[64] != 28) return "v is not 27 or 28";
    if (!ServiceKeyCryptography.isLowS(signature, ServiceKeyCryptography.SECP256K1)) {
      return "s is not low";
    }
    Optional<String> recovered = ServiceKeyCryptography.recoverAddress(signature, message);
    if (recovered.isEmpty()) return "no public key recovers from the signature";
    return recovered.get().equalsIgnoreCase(address)
        ? null
        : "the signature recovers " + recovered.get() + ", not " + address;
  }

  private static String p256(byte[] signature, byte[] message, String address)
      throws GeneralSecurityException {
    if (signature.length != 64) return "an ecdsa-p256 signature is 64 bytes (r‖s)";
    if (!ServiceKeyCryptography.isLowS(signature, ServiceKeyCryptography.P256)) {
      return "s is not low";
    }
    byte[] compressed = HexFormat.of().parseHex(address.substring(2));
    PublicKey key =
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(ServiceKeyCryptography.p256Spki(compressed)));
    Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature) ? null : "the signature does not verify";
  }

  private static String withPublicKey(
      String algo, byte[] signature, byte[] message, String address, Map<String, String> options)
      throws GeneralSecurityException {
    String encoded = options.get("public-key");
    if (encoded == null) return algo + " receipts need --public-key <base64 SPKI>";
    byte[] spki = Base64.getDecoder().decode(encoded);
    if (!ServiceKeyCryptography.spkiAddress(spki).equalsIgnoreCase(address)) {
      return "the public key's address is "
          + ServiceKeyCryptography.spkiAddress(spki)
          + ", not "
          + address;
    }
    Signature verifier;
    PublicKey key;
    if (algo.equals("rsa")) {
      key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
      verifier = Signature.getInstance("RSASSA-PSS");
      verifier.setParameter(
          new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    } else {
      key = KeyFactory.getInstance("ML-DSA").generatePublic(new X509EncodedKeySpec(spki));
      verifier = Signature.getInstance("ML-DSA");
    }
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature) ? null : "the signature does not verify";
  }

  /** The reason the report is not valid, or null when it is. */
  private static String report(Map<String, String> options) throws IOException {
    String nonce = required(options, "nonce").toLowerCase(Locale.ROOT);
    String text = read(options, "report").strip();
    String compact = text;
    if (text.startsWith("{")) {
      try {
        Map<String, Object> json = JSONObjectUtils.parse(text);
        // the tenant route answers in the envelope: {"data": {"report", "claims"}, …}
        if (json.get("data") instanceof Map<?, ?> data) json = castMap(data);
        if (!(json.get("report") instanceof String report)) return "no report in the JSON";
        compact = report;
      } catch (ParseException e) {
        return "the report file is not JSON";
      }
    }
    JWK pinned;
    try {
      String jwk = read(options, "jwk");
      Map<String, Object> json = JSONObjectUtils.parse(jwk);
      pinned = json.containsKey("keys") ? null : JWK.parse(json);
      JWSObject jws = JWSObject.parse(compact);
      if (pinned == null) {
        pinned = JWKSet.parse(json).getKeyByKeyId(jws.getHeader().getKeyID());
        if (pinned == null) return "no key " + jws.getHeader().getKeyID() + " in the JWK set";
      }
      if (!JWSAlgorithm.ES256.equals(jws.getHeader().getAlgorithm())) {
        return "the report is not ES256";
      }
      if (!(pinned instanceof ECKey ec)) return "the pinned key is not an EC key";
      if (!jws.verify(new ECDSAVerifier(ec))) {
        return "the report's signature does not verify with the pinned key";
      }
      Map<String, Object> claims = jws.getPayload().toJSONObject();
      if (claims == null || !nonce.equals(claims.get("nonce"))) {
        return "the report's nonce is " + (claims == null ? null : claims.get("nonce"));
      }
      if (claims.get("report_data") instanceof String data && !data.endsWith(nonce)) {
        return "report_data does not end with the nonce";
      }
      return null;
    } catch (ParseException e) {
      return "cannot parse the report or the key: " + e.getMessage();
    } catch (com.nimbusds.jose.JOSEException e) {
      return "the report's signature cannot be checked: " + e.getMessage();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  private static String read(Map<String, String> options, String name) throws IOException {
    return Files.readString(Path.of(required(options, name)), StandardCharsets.UTF_8);
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) throw new Usage("missing --" + name);
    return value;
  }

  private static String sha256Hex(byte[] data) {
    return HexFormat.of().formatHex(Bytes.sha256(data).toArray());
  }

  private static final class Usage extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Usage(String message) {
      super(message);
    }
  }
}
