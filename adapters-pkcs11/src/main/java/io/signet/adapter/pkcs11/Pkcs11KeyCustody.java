package io.signet.adapter.pkcs11;

import io.signet.application.port.KeyCustody;
import io.signet.application.port.ServiceKeyCustody;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link KeyCustody} on a PKCS#11 token. What each algorithm generates and how it signs is its
 * {@link SignatureScheme}'s business; this class gives the schemes their {@link SchemeKeys}: key
 * pairs generated on the token (sensitive, never extractable, sign-only, labelled with the
 * version's name), and sealing under the token's key-encryption key ({@link KeySealer}) with the
 * decrypted keys cached ({@link UnsealedKeyCache}).
 */
@Singleton
public final class Pkcs11KeyCustody implements KeyCustody, SchemeKeys {
  private final TokenSession session;
  private final TokenKeys token;
  private final KeySealer sealer;
  private final UnsealedKeyCache cache;
  private final NativeTokenKeys attributes;
  private final SecureRandom random = new SecureRandom();

  Pkcs11KeyCustody(
      TokenSession session,
      TokenKeys token,
      KeyEncryptionKeys keks,
      UnsealedKeyCache cache,
      NativeTokenKeys attributes) {
    this.session = session;
    this.token = token;
    this.sealer = new KeySealer(session, keks);
    this.cache = cache;
    this.attributes = attributes;
  }

  @Override
  public GeneratedKey generate(KeyName name) {
    token.destroy(HsmLabels.key(name));
    return SignatureSchemes.of(name.algorithm()).generate(name, this);
  }

  @Override
  public Bytes sign(KeyVersion key, SigningInput input) {
    try {
      return SignatureSchemes.of(key.name().algorithm()).sign(key, input, this);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw Pkcs11Errors.translate("signing", e);
    }
  }

  @Override
  public void destroy(KeyName name) {
    cache.evict(name);
    token.destroy(HsmLabels.key(name));
  }

  @Override
  public List<KeyName> heldKeys() {
    return token.labels(HsmLabels.KEY_PREFIX).stream()
        .map(HsmLabels::parse)
        .flatMap(Optional::stream)
        .toList();
  }

  @Override
  public List<ServiceKeyCustody.TokenObject> objects(KeyVersion key) {
    List<String> labels = new ArrayList<>();
    labels.add(HsmLabels.key(key.name()));
    if (key.sealedPrivateKey() != null) labels.add(KeySealer.KEK_LABEL);
    List<ServiceKeyCustody.TokenObject> result = new ArrayList<>();
    for (String label : labels) {
      Map<String, Object> read = attributes.attributes(label);
      if (!read.isEmpty()) result.add(new ServiceKeyCustody.TokenObject(label, read));
    }
    return result;
  }

  @Override
  public PublicKey generateKeyPair(
      KeyName name, String keyAlgorithm, AlgorithmParameterSpec parameters) {
    return token.generateKeyPair(HsmLabels.key(name), keyAlgorithm, parameters);
  }

  @Override
  public PrivateKey tokenPrivateKey(KeyName name) {
    return token.privateKey(HsmLabels.key(name));
  }

  @Override
  public Provider tokenProvider() {
    return session.provider();
  }

  @Override
  public Bytes seal(KeyName name, byte[] plaintext) {
    return sealer.seal(name, plaintext);
  }

  @Override
  public PrivateKey unsealed(KeyVersion key, Function<byte[], PrivateKey> decode) {
    if (key.sealedPrivateKey() == null) {
      throw new IllegalStateException(key.name() + " has no sealed private key");
    }
    return cache.get(
        key.name(),
        PrivateKey.class,
        () -> {
          byte[] plain = sealer.unseal(key.name(), key.sealedPrivateKey());
          try {
            return decode.apply(plain);
          } finally {
            Arrays.fill(plain, (byte) 0);
          }
        });
  }

  @Override
  public SecureRandom random() {
    return random;
  }

  /** Opens a sealed private key: for tests that look for leaked key bytes. */
  byte[] unseal(KeyName name, Bytes sealed) {
    return sealer.unseal(name, sealed);
  }
}
