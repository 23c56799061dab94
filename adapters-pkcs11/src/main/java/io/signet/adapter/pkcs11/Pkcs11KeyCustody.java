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
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.jcajce.CompositePrivateKey;
import org.bouncycastle.jcajce.CompositePublicKey;

/**
 * {@link KeyCustody} on a PKCS#11 token. The ECDSA P-256 half of a composite key is generated on
 * the token (sensitive, never extractable, sign-only, labelled with the version's name). The
 * ML-DSA-65 key, for which SoftHSM 2.6 and most tokens have no mechanism yet, is generated in
 * process with BouncyCastle, sealed at once under the token's key-encryption key ({@link
 * KeySealer}) and its plaintext encoding wiped; both algorithms are therefore {@code hsm-wrapped}.
 */
@Singleton
public final class Pkcs11KeyCustody implements KeyCustody {
  static final ASN1ObjectIdentifier COMPOSITE_MLDSA65_ECDSA_P256_SHA512 =
      new ASN1ObjectIdentifier("1.3.6.1.5.5.7.6.45");
  private final Pkcs11Token token;
  private final KeySealer sealer;
  private final UnsealedKeyCache cache;
  private final SecureRandom random = new SecureRandom();

  Pkcs11KeyCustody(Pkcs11Token token, UnsealedKeyCache cache) {
    this.token = token;
    this.sealer = new KeySealer(token);
    this.cache = cache;
  }

  @Override
  public GeneratedKey generate(KeyName name) {
    token.destroy(name.label());
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
        PublicKey ec = token.generateEcKey(name.label());
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
                  token.privateKey(name.label()));
        };
    try {
      return Constructions.sign(name.algorithm(), privateKey, key.publicKey(), input, random);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw Pkcs11Errors.translate("signing", e);
    }
  }

  @Override
  public void destroy(KeyName name) {
    cache.evict(name);
    token.destroy(name.label());
  }

  /** The version's ML-DSA private key, unsealed through the cache. */
  private PrivateKey mlDsaKey(KeyVersion key) {
    if (key.sealedPrivateKey() == null) {
      throw new IllegalStateException(key.name() + " has no sealed ML-DSA key");
    }
    return cache.get(
        key.name(),
        PrivateKey.class,
        () -> {
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
    return token.keyLabels().stream().map(KeyName::fromLabel).flatMap(Optional::stream).toList();
  }

  /** Opens a sealed private key: for signing, and for tests that look for leaked key bytes. */
  byte[] unseal(KeyName name, Bytes sealed) {
    return sealer.unseal(name, sealed);
  }

  static KeyPair generateMlDsa() {
    try {
      return KeyPairGenerator.getInstance("ML-DSA-65", BouncyCastle.provider()).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BouncyCastle has no ML-DSA-65", e);
    }
  }
}
