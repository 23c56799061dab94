package io.signet.application.fake;

import io.signet.application.port.KeyCustody;
import io.signet.application.port.SignatureVerifier;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.signing.SigningInput;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link KeyCustody} with software keys (the JDK's ML-DSA-65, whatever the algorithm), for unit
 * tests of the core; classical algorithms report protection hsm, as token keys do. Composite keys
 * are modelled as an ML-DSA key with an "HSM-held" part, which is what {@link #heldKeys} lists.
 * Passes {@code KeyCustodyContract}. Can be told to fail, to exercise error paths.
 */
public final class FakeKeyCustody implements KeyCustody {
  /** The classical algorithms a token holds natively (protection hsm, nothing sealed). */
  private static final java.util.Set<io.signet.domain.key.Algorithm> TOKEN_NATIVE =
      java.util.EnumSet.of(
          io.signet.domain.key.Algorithm.ECDSA_P256,
          io.signet.domain.key.Algorithm.ECDSA_SECP256K1,
          io.signet.domain.key.Algorithm.RSA_PSS_3072,
          io.signet.domain.key.Algorithm.ED25519);

  private final Map<KeyName, KeyPair> held = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile boolean unavailable;

  /** From now on every call fails as an unreachable HSM would. */
  public void breakDown() {
    unavailable = true;
  }

  public void repair() {
    unavailable = false;
  }

  @Override
  public GeneratedKey generate(KeyName name) {
    requireAvailable();
    try {
      KeyPair pair = KeyPairGenerator.getInstance("ML-DSA-65").generateKeyPair();
      held.put(name, pair);
      if (TOKEN_NATIVE.contains(name.algorithm())) {
        return new GeneratedKey(Bytes.of(pair.getPublic().getEncoded()), Protection.HSM, null);
      }
      byte[] sealed = new byte[64];
      random.nextBytes(sealed);
      return new GeneratedKey(
          Bytes.of(pair.getPublic().getEncoded()), Protection.HSM_WRAPPED, Bytes.of(sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Signs with the JDK's ML-DSA-65 over a tagged encoding of the input (the fake's own
   * construction; the real adapter uses the standard ones). {@link #verifier()} checks it.
   */
  @Override
  public Bytes sign(KeyVersion key, SigningInput input) {
    requireAvailable();
    KeyPair pair = held.get(key.name());
    if (pair == null) throw new io.signet.domain.SignetException.NotFound("no key " + key.name());
    try {
      Signature signer = Signature.getInstance("ML-DSA");
      signer.initSign(pair.getPrivate());
      signer.update(encode(input, key.name().algorithm()));
      return Bytes.of(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Verifies what {@link #sign} made, from the version's public key alone. */
  public SignatureVerifier verifier() {
    return (key, input, signature) -> {
      try {
        var publicKey =
            KeyFactory.getInstance("ML-DSA")
                .generatePublic(new X509EncodedKeySpec(key.publicKey().toArray()));
        Signature verifier = Signature.getInstance("ML-DSA");
        verifier.initVerify(publicKey);
        verifier.update(encode(input, key.name().algorithm()));
        return verifier.verify(signature.toArray());
      } catch (GeneralSecurityException | RuntimeException e) {
        return false;
      }
    };
  }

  private static byte[] encode(SigningInput input, io.signet.domain.key.Algorithm algorithm) {
    byte[] context = input.context().toArray();
    String kind =
        switch (input) {
              case SigningInput.Message m -> "message";
              case SigningInput.Digest d -> "digest:" + d.algorithm().wireName();
            }
            + ":"
            + input.formatFor(algorithm).wireName();
    byte[] tag = kind.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] payload = input.payload().toArray();
    return java.nio.ByteBuffer.allocate(2 + context.length + tag.length + payload.length)
        .put((byte) context.length)
        .put(context)
        .put((byte) tag.length)
        .put(tag)
        .put(payload)
        .array();
  }

  @Override
  public void destroy(KeyName name) {
    requireAvailable();
    held.remove(name);
  }

  @Override
  public List<KeyName> heldKeys() {
    requireAvailable();
    return new ArrayList<>(held.keySet());
  }

  /**
   * The "HSM-held" part of a key and, for sealed material, a key-encryption key, each with the
   * attributes of a sensitive, never-extractable token key.
   */
  @Override
  public List<io.signet.application.port.ServiceKeyCustody.TokenObject> objects(KeyVersion key) {
    requireAvailable();
    List<io.signet.application.port.ServiceKeyCustody.TokenObject> objects = new ArrayList<>();
    if (held.containsKey(key.name())) objects.add(tokenKey("fake." + key.name()));
    if (key.sealedPrivateKey() != null) objects.add(tokenKey("fake-kek"));
    return objects;
  }

  private static io.signet.application.port.ServiceKeyCustody.TokenObject tokenKey(String label) {
    return new io.signet.application.port.ServiceKeyCustody.TokenObject(
        label,
        Map.of(
            "CKA_SENSITIVE", true,
            "CKA_ALWAYS_SENSITIVE", true,
            "CKA_EXTRACTABLE", false,
            "CKA_NEVER_EXTRACTABLE", true,
            "CKA_LOCAL", true));
  }

  private void requireAvailable() {
    if (unavailable) {
      throw new io.signet.domain.SignetException.Unavailable("HSM unavailable (fake)", null);
    }
  }
}
