package io.signet.adapter.pkcs11;

import io.signet.application.port.KeyCustody;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.signing.SigningInput;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.jcajce.CompositePrivateKey;
import org.bouncycastle.jcajce.CompositePublicKey;

/**
 * {@link KeyCustody} on a PKCS#11 token. The ECDSA P-256 half of a composite key is generated on
 * the token (sensitive, never extractable, sign-only, labelled with the version's name). The
 * ML-DSA-65 key, for which SoftHSM 2.6 and most tokens have no mechanism yet, is generated in
 * process with BouncyCastle, sealed at once under the version's own key-encryption key on the token
 * ({@link KeySealer}) and its plaintext encoding wiped; both algorithms are therefore {@code
 * hsm-wrapped}. Destroying a version destroys its key-encryption key too, which shreds every copy
 * of its sealed key.
 */
@Singleton
public final class Pkcs11KeyCustody implements KeyCustody {
  static final ASN1ObjectIdentifier COMPOSITE_MLDSA65_ECDSA_P256_SHA512 =
      new ASN1ObjectIdentifier("1.3.6.1.5.5.7.6.45");
  private final TokenKeys token;
  private final KeyEncryptionKeys keks;
  private final KeySealer sealer;
  private final DecryptedKeyCache cache;
  private final SecureRandom random = new SecureRandom();

  Pkcs11KeyCustody(TokenKeys token, KeyEncryptionKeys keks, DecryptedKeyCache cache) {
    this.token = token;
    this.keks = keks;
    this.sealer = new KeySealer(keks);
    this.cache = cache;
  }

  @Override
  public GeneratedKey generate(KeyName name) {
    destroy(name);
    keks.ensure(HsmLabels.kek(name));
    KeyPair mlDsa = generateMlDsa();
    byte[] encoded = mlDsa.getPrivate().getEncoded();
    Bytes sealed;
    try {
      sealed = sealer.seal(name, encoded);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
    return switch (name.algorithm()) {
      case DILITHIUM3 ->
          new GeneratedKey(
              Bytes.of(mlDsa.getPublic().getEncoded()), Protection.HSM_WRAPPED, sealed);
      case COMPOSITE_ML_DSA -> {
        PublicKey ec = token.generateEcKey(HsmLabels.key(name));
        byte[] composite =
            new CompositePublicKey(COMPOSITE_MLDSA65_ECDSA_P256_SHA512, mlDsa.getPublic(), ec)
                .getEncoded();
        yield new GeneratedKey(Bytes.of(composite), Protection.HSM_WRAPPED, sealed);
      }
    };
  }

  @Override
  public Bytes sign(KeyVersion key, SigningInput input) {
    KeyName name = key.name();
    PrivateKey privateKey =
        switch (name.algorithm()) {
          case DILITHIUM3 -> mlDsaKey(key);
          case COMPOSITE_ML_DSA ->
              new CompositePrivateKey(
                  COMPOSITE_MLDSA65_ECDSA_P256_SHA512,
                  mlDsaKey(key),
                  token.privateKey(HsmLabels.key(name)));
        };
    try {
      return Constructions.sign(name.algorithm(), privateKey, key.publicKey(), input, random);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw Pkcs11Errors.translate("signing", e);
    }
  }

  /** Destroys the version's token keys and its key-encryption key (crypto-shredding). */
  @Override
  public void destroy(KeyName name) {
    // key-encryption key first, eviction second: no unseal can put the key back afterwards
    token.destroy(HsmLabels.key(name));
    keks.destroy(HsmLabels.kek(name));
    cache.evict(name);
  }

  /** The version's ML-DSA private key, unsealed through the cache. */
  private PrivateKey mlDsaKey(KeyVersion key) {
    if (key.sealedPrivateKey() == null) {
      throw new IllegalStateException(key.name() + " has no sealed ML-DSA key");
    }
    return cache.get(
        key.name(),
        name -> {
          byte[] plain = sealer.unseal(key.name(), key.sealedPrivateKey());
          try {
            return KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
                .generatePrivate(new PKCS8EncodedKeySpec(plain));
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed key of " + key.name() + " does not decode", e);
          } finally {
            Arrays.fill(plain, (byte) 0);
          }
        });
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

  private static KeyPair generateMlDsa() {
    try {
      return KeyPairGenerator.getInstance("ML-DSA-65", BouncyCastle.provider()).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BouncyCastle has no ML-DSA-65", e);
    }
  }
}
