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
import java.util.stream.Stream;

/**
 * {@link KeyCustody} on a PKCS#11 token. What each algorithm generates and how it signs is its
 * {@link SignatureScheme}'s business; this class gives the schemes their {@link SchemeKeys}: key
 * pairs generated on the token (sensitive, never extractable, sign-only, labelled with the
 * version's name), and sealing under the token's key-encryption key ({@link KeySealer}) with the
 * decrypted keys cached ({@link DecryptedKeyCache}). Each sealed key is sealed under a
 * key-encryption key of its own version, which destroying the version destroys too
 * (crypto-shredding).
 */
@Singleton
public final class Pkcs11KeyCustody implements KeyCustody, SchemeKeys {
  private final TokenSession session;
  private final TokenKeys token;
  private final KeyEncryptionKeys keks;
  private final KeySealer sealer;
  private final DecryptedKeyCache cache;
  private final NativeTokenKeys attributes;
  private final SecureRandom random = new SecureRandom();

  Pkcs11KeyCustody(
      TokenSession session,
      TokenKeys token,
      KeyEncryptionKeys keks,
      DecryptedKeyCache cache,
      NativeTokenKeys attributes) {
    this.session = session;
    this.token = token;
    this.keks = keks;
    this.sealer = new KeySealer(keks);
    this.cache = cache;
    this.attributes = attributes;
  }

  @Override
  public GeneratedKey generate(KeyName name) {
    destroy(name);
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

  /** Destroys the version's token keys and its key-encryption key (crypto-shredding). */
  @Override
  public void destroy(KeyName name) {
    // key-encryption key first, eviction second: no unseal can put the key back afterwards
    session.mechanisms().forget(HsmLabels.key(name));
    token.destroy(HsmLabels.key(name));
    keks.destroy(HsmLabels.kek(name));
    cache.evict(name);
  }

  @Override
  public List<KeyName> heldKeys() {
    return Stream.concat(
            token.labels(HsmLabels.KEY_PREFIX).stream(),
            token.labels(HsmLabels.KEK_PREFIX).stream())
        .map(HsmLabels::parse)
        .flatMap(Optional::stream)
        .distinct()
        .toList();
  }

  @Override
  public List<ServiceKeyCustody.TokenObject> objects(KeyVersion key) {
    List<ServiceKeyCustody.TokenObject> result = new ArrayList<>();
    add(result, HsmLabels.key(key.name()));
    if (key.sealedPrivateKey() != null && !add(result, HsmLabels.kek(key.name()))) {
      // a blob sealed before per-version key-encryption keys opens under the shared one
      add(result, KeyEncryptionKeys.LEGACY_LABEL);
    }
    return result;
  }

  private boolean add(List<ServiceKeyCustody.TokenObject> objects, String label) {
    Map<String, Object> read = attributes.attributes(label);
    if (read.isEmpty()) return false;
    objects.add(new ServiceKeyCustody.TokenObject(label, read));
    return true;
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
    keks.ensure(HsmLabels.kek(name));
    return sealer.seal(name, plaintext);
  }

  @Override
  public UnsealedMlDsaKey unsealed(KeyVersion key, Function<byte[], UnsealedMlDsaKey> decode) {
    if (key.sealedPrivateKey() == null) {
      throw new IllegalStateException(key.name() + " has no sealed private key");
    }
    return cache.get(
        key.name(),
        name -> {
          byte[] plain = sealer.unseal(key.name(), key.sealedPrivateKey());
          try {
            return decode.apply(plain);
          } finally {
            Arrays.fill(plain, (byte) 0);
          }
        });
  }

  @Override
  public byte[] generateEd25519(KeyName name) {
    return session.mechanisms().generateEd25519(HsmLabels.key(name));
  }

  @Override
  public byte[] signEd25519(KeyName name, byte[] message) {
    return session.mechanisms().signEd25519(HsmLabels.key(name), message);
  }

  @Override
  public byte[] signRsaPssSha256(KeyName name, byte[] digest, int saltLength) {
    return session.mechanisms().signRsaPss(HsmLabels.key(name), "SHA-256", saltLength, digest);
  }

  @Override
  public SecureRandom random() {
    return random;
  }
}
