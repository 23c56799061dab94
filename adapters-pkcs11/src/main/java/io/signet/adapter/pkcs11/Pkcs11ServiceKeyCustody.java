package io.signet.adapter.pkcs11;

import io.signet.application.port.ServiceKeyCustody;
import io.signet.domain.Bytes;
import io.signet.domain.key.Protection;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.signing.SigningInput;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link ServiceKeyCustody} on the PKCS#11 token: secp256k1, P-256 and RSA-3072 service keys are
 * native token keys ({@link NativeTokenKeys}, protection {@code hsm}); the ML-DSA-65 receipt key is
 * generated in process, sealed at once under the token's key-encryption key ({@link KeySealer},
 * bound to the service key's label) and its plaintext wiped ({@code hsm-wrapped}), as tenant ML-DSA
 * keys are.
 */
@Singleton
public final class Pkcs11ServiceKeyCustody implements ServiceKeyCustody {
  private final KeySealer sealer;
  private final NativeTokenKeys token;
  private final SecureRandom random = new SecureRandom();

  Pkcs11ServiceKeyCustody(KeyEncryptionKeys keks, NativeTokenKeys nativeKeys) {
    this.sealer = new KeySealer(keks);
    this.token = nativeKeys;
  }

  @Override
  public Generated generate(ServiceKeyName name) {
    String label = name.label();
    return switch (name.algorithm()) {
      case ECDSA -> {
        byte[] spki = token.generate(label, NativeTokenKeys.Type.SECP256K1);
        yield new Generated(
            Bytes.of(spki), ServiceKeyCryptography.ethereumAddress(spki), Protection.HSM, null);
      }
      case ECDSA_P256, ES256 -> {
        byte[] spki = token.generate(label, NativeTokenKeys.Type.P256);
        yield new Generated(
            Bytes.of(spki), ServiceKeyCryptography.compressedAddress(spki), Protection.HSM, null);
      }
      case RSA -> {
        byte[] spki = token.generate(label, NativeTokenKeys.Type.RSA_3072);
        yield new Generated(
            Bytes.of(spki), ServiceKeyCryptography.spkiAddress(spki), Protection.HSM, null);
      }
      case ML_DSA -> {
        token.destroy(label);
        KeyPair pair = MlDsa65Scheme.generateKeyPair();
        byte[] encoded = pair.getPrivate().getEncoded();
        try {
          byte[] spki = pair.getPublic().getEncoded();
          yield new Generated(
              Bytes.of(spki),
              ServiceKeyCryptography.spkiAddress(spki),
              Protection.HSM_WRAPPED,
              sealer.sealServiceKey(label, encoded));
        } finally {
          Arrays.fill(encoded, (byte) 0);
        }
      }
    };
  }

  @Override
  public Bytes sign(ServiceKey key, Bytes message) {
    String label = key.name().label();
    byte[] data = message.toArray();
    return Bytes.of(
        switch (key.name().algorithm()) {
          case ECDSA -> {
            byte[] digest = ServiceKeyCryptography.eip191Digest(data);
            yield ServiceKeyCryptography.ethereumSignature(
                token.signDigest(label, digest), digest, key.publicKey().toArray());
          }
          case ECDSA_P256, ES256 ->
              ServiceKeyCryptography.lowS(
                  token.signDigest(label, Bytes.sha256(data).toArray()),
                  ServiceKeyCryptography.P256);
          case RSA -> token.signRsaPss(label, data);
          case ML_DSA -> signMlDsa(key, data);
        });
  }

  @Override
  public List<TokenObject> objects(ServiceKey key) {
    // A wrapped key's label names its key-encryption key: the object that protects it.
    return objects(List.of(key.name().label()));
  }

  @Override
  public List<TokenObject> objects(List<String> labels) {
    List<TokenObject> result = new ArrayList<>();
    for (String label : labels) {
      Map<String, Object> attributes = token.attributes(label);
      if (!attributes.isEmpty()) result.add(new TokenObject(label, attributes));
    }
    return result;
  }

  @Override
  public Map<String, String> tokenIdentity() {
    return token.identity();
  }

  /**
   * Pure ML-DSA-65 with an empty context (DESIGN §5.2), hedged. Receipt keys are unsealed per
   * signature: fetching an ML-DSA receipt is rare, and this keeps their plaintext off the heap.
   */
  private byte[] signMlDsa(ServiceKey key, byte[] data) {
    String label = key.name().label();
    byte[] plain = sealer.unsealServiceKey(label, key.sealedPrivateKey());
    try {
      UnsealedMlDsaKey privateKey = MlDsa65Scheme.decodePrivateKey(label, plain, key.publicKey());
      return MlDsa65Scheme.sign(
              privateKey,
              key.publicKey(),
              new SigningInput.Message(Bytes.of(data), Bytes.of(new byte[0])),
              random)
          .toArray();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw Pkcs11Errors.translate("ML-DSA service key signing", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }
}
