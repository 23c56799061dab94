package io.signet.adapter.pkcs11;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import io.signet.application.port.JwtKeys;
import io.signet.domain.Bytes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link JwtKeys} with P-256 keys in process, for unit tests of the token format only: the JDK
 * signs (DER, converted to JOSE r‖s by Nimbus), {@link #rotate()} makes a new current key and keeps
 * the old ones for verification. Production keys are in the HSM.
 */
final class SoftwareJwtKeys implements JwtKeys {
  private final Map<String, KeyPair> keys = new LinkedHashMap<>();
  private String current;

  SoftwareJwtKeys() {
    rotate();
  }

  synchronized String rotate() {
    current = "jwt-ES256-v" + (keys.size() + 1);
    keys.put(current, newKeyPair());
    return current;
  }

  static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] es256(PrivateKey key, byte[] input) {
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(key);
      signature.update(input);
      return ECDSA.transcodeSignatureToConcat(signature.sign(), 64);
    } catch (GeneralSecurityException | JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  synchronized KeyPair keyPair(String kid) {
    return keys.get(kid);
  }

  synchronized String currentKid() {
    return current;
  }

  @Override
  public synchronized Signed sign(Function<String, byte[]> signingInput) {
    return new Signed(
        current, Bytes.of(es256(keys.get(current).getPrivate(), signingInput.apply(current))));
  }

  @Override
  public synchronized Optional<Bytes> publicKey(String kid) {
    return Optional.ofNullable(keys.get(kid)).map(k -> Bytes.of(k.getPublic().getEncoded()));
  }
}
