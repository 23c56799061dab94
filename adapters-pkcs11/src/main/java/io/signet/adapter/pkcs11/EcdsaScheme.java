package io.signet.adapter.pkcs11;

import io.signet.application.port.KeyCustody.GeneratedKey;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyForms;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.signing.SignatureFormat;
import io.signet.domain.signing.SigningInput;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECDSA on a named curve (P-256 or secp256k1) with a token key: the private half is generated on
 * the token (sensitive, never extractable, sign-only), protection {@code hsm}. The hash is computed
 * in process (SHA-256 of a message, Keccak-256 of its EIP-191 form for {@code ethereum}, or the
 * caller's hash as given) and the token signs it raw (CKM_ECDSA). Signatures are made low-S and
 * encoded as the caller asks ({@code der}, {@code raw} r‖s, {@code ethereum} r‖s‖v).
 *
 * <p>Verification is BouncyCastle's ECDSA over the same hash; {@code der} must be strict DER and
 * {@code raw} exactly twice the order's length. High-S signatures of others are valid in {@code
 * der} and {@code raw} (FIPS 186-5 accepts both); {@code ethereum} requires low-S (EIP-2) and a v
 * that recovers the key.
 */
final class EcdsaScheme implements SignatureScheme {
  private final Algorithm algorithm;
  private final String curve;

  EcdsaScheme(Algorithm algorithm, String curve) {
    this.algorithm = algorithm;
    this.curve = curve;
  }

  @Override
  public Algorithm algorithm() {
    return algorithm;
  }

  @Override
  public GeneratedKey generate(KeyName name, SchemeKeys keys) {
    PublicKey publicKey = keys.generateKeyPair(name, "EC", new ECGenParameterSpec(curve));
    return new GeneratedKey(Bytes.of(publicKey.getEncoded()), Protection.HSM, null);
  }

  @Override
  public Bytes sign(KeyVersion key, SigningInput input, SchemeKeys keys)
      throws GeneralSecurityException {
    SignatureFormat format = input.formatFor(algorithm);
    byte[] hash = hash(input, format);
    Signature signer = Signature.getInstance("NONEwithECDSAinP1363Format", keys.tokenProvider());
    signer.initSign(keys.tokenPrivateKey(key.name()));
    signer.update(hash);
    byte[] rs = signer.sign();
    ECPublicKeyParameters publicKey = parameters(key.publicKey());
    BigInteger n = publicKey.getParameters().getN();
    int half = rs.length / 2;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, half));
    BigInteger s = lowS(new BigInteger(1, Arrays.copyOfRange(rs, half, rs.length)), n);
    try {
      return Bytes.of(
          switch (format) {
            case DER -> StandardDSAEncoding.INSTANCE.encode(n, r, s);
            case RAW -> PlainDSAEncoding.INSTANCE.encode(n, r, s);
            case ETHEREUM ->
                Ethereum.withRecoveryByte(publicKey.getParameters(), publicKey.getQ(), r, s, hash);
          });
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an ECDSA signature", e);
    }
  }

  @Override
  public boolean verify(Bytes spki, SigningInput input, Bytes signature) {
    ECPublicKeyParameters publicKey = parameters(spki);
    SignatureFormat format = input.formatFor(algorithm);
    byte[] hash = hash(input, format);
    BigInteger n = publicKey.getParameters().getN();
    byte[] encoded = signature.toArray();
    BigInteger[] rs;
    try {
      rs =
          switch (format) {
            case DER -> StandardDSAEncoding.INSTANCE.decode(n, encoded);
            case RAW -> PlainDSAEncoding.INSTANCE.decode(n, encoded);
            case ETHEREUM -> {
              if (encoded.length != 65) yield null;
              BigInteger[] plain = PlainDSAEncoding.INSTANCE.decode(n, Arrays.copyOf(encoded, 64));
              int v = encoded[64] & 0xff;
              int recId = v >= 27 ? v - 27 : v;
              if (recId > 1 || plain[1].compareTo(n.shiftRight(1)) > 0) yield null;
              ECPoint recovered =
                  Ethereum.recover(publicKey.getParameters(), plain[0], plain[1], hash, recId);
              yield recovered != null && recovered.equals(publicKey.getQ()) ? plain : null;
            }
          };
    } catch (IOException | RuntimeException malformed) {
      return false;
    }
    if (rs == null) return false;
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, publicKey);
    return verifier.verifySignature(hash, rs[0], rs[1]);
  }

  @Override
  public PublicKey publicKey(Bytes spki) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC", BouncyCastle.provider())
        .generatePublic(new X509EncodedKeySpec(spki.toArray()));
  }

  @Override
  public KeyForms forms(Bytes spki) {
    ECPublicKeyParameters key = parameters(spki);
    ECPoint q = key.getQ().normalize();
    int length = (key.getParameters().getCurve().getFieldSize() + 7) / 8;
    Map<String, String> jwk = new LinkedHashMap<>();
    jwk.put("kty", "EC");
    jwk.put("crv", algorithm == Algorithm.ECDSA_P256 ? "P-256" : "secp256k1");
    jwk.put("x", SignatureScheme.base64Url(q.getAffineXCoord().toBigInteger(), length));
    jwk.put("y", SignatureScheme.base64Url(q.getAffineYCoord().toBigInteger(), length));
    return new KeyForms(jwk, algorithm == Algorithm.ECDSA_SECP256K1 ? Ethereum.address(q) : null);
  }

  /** The EIP-55 address of a secp256k1 public key. */
  static String address(Bytes spki) {
    return Ethereum.address(parameters(spki).getQ());
  }

  /** What the token signs: the caller's hash, or the message's hash for the format. */
  private static byte[] hash(SigningInput input, SignatureFormat format) {
    return switch (input) {
      case SigningInput.Digest digest -> digest.hash().toArray();
      case SigningInput.Message message ->
          format == SignatureFormat.ETHEREUM
              ? Ethereum.personalSignHash(message.message().toArray())
              : Bytes.sha256(message.message().toArray()).toArray();
    };
  }

  /** s, or n − s when s is in the upper half: the two are equally valid, low-S is canonical. */
  static BigInteger lowS(BigInteger s, BigInteger n) {
    return s.compareTo(n.shiftRight(1)) > 0 ? n.subtract(s) : s;
  }

  static ECPublicKeyParameters parameters(Bytes spki) {
    try {
      return (ECPublicKeyParameters) PublicKeyFactory.createKey(spki.toArray());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("stored EC public key does not decode", e);
    }
  }
}
