package io.signet.application.fake;

import io.signet.application.port.ServiceKeyCustody;
import io.signet.domain.Bytes;
import io.signet.domain.key.Protection;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ServiceKeyCustody} with the JDK's software keys, for unit tests of the core. The JDK has
 * no secp256k1, so the fake's {@code ecdsa} key is a P-256 key with a fixed v of 27 (the shape, not
 * the curve, of the real thing). Passes {@code ServiceKeyCustodyContract}; counts generations.
 */
public final class FakeServiceKeyCustody implements ServiceKeyCustody {
  private static final BigInteger P256_N =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
  // RSA-3072 generation takes a second or more: the fake makes one pair and reuses it.
  private static KeyPair rsa;

  private final Map<ServiceKeyName, PrivateKey> held = new ConcurrentHashMap<>();
  private final AtomicInteger generations = new AtomicInteger();

  public int generations() {
    return generations.get();
  }

  @Override
  public Generated generate(ServiceKeyName name) {
    generations.incrementAndGet();
    try {
      KeyPair pair =
          switch (name.algorithm()) {
            case ECDSA, ECDSA_P256, ES256 -> {
              KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
              g.initialize(new ECGenParameterSpec("secp256r1"));
              yield g.generateKeyPair();
            }
            case RSA -> rsa();
            case ML_DSA -> KeyPairGenerator.getInstance("ML-DSA-65").generateKeyPair();
          };
      held.put(name, pair.getPrivate());
      byte[] spki = pair.getPublic().getEncoded();
      String address =
          switch (name.algorithm()) {
            case ECDSA -> "0x" + HexFormat.of().formatHex(sha256(spki), 0, 20);
            case ECDSA_P256, ES256 -> "0x02" + HexFormat.of().formatHex(sha256(spki));
            case RSA, ML_DSA -> "0x" + HexFormat.of().formatHex(sha256(spki), 0, 20);
          };
      boolean wrapped = name.algorithm() == io.signet.domain.service.ServiceAlgorithm.ML_DSA;
      return new Generated(
          Bytes.of(spki),
          address,
          wrapped ? Protection.HSM_WRAPPED : Protection.HSM,
          wrapped ? Bytes.of(new byte[] {1, 2, 3}) : null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public Bytes sign(ServiceKey key, Bytes message) {
    PrivateKey privateKey = held.get(key.name());
    if (privateKey == null) throw new IllegalStateException("no key " + key.name());
    try {
      return Bytes.of(
          switch (key.name().algorithm()) {
            case ECDSA -> {
              byte[] rsv = Arrays.copyOf(p256(privateKey, message.toArray()), 65);
              rsv[64] = 27;
              yield rsv;
            }
            case ECDSA_P256, ES256 -> p256(privateKey, message.toArray());
            case RSA -> {
              Signature s = Signature.getInstance("RSASSA-PSS");
              s.setParameter(
                  new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
              s.initSign(privateKey);
              s.update(message.toArray());
              yield s.sign();
            }
            case ML_DSA -> {
              Signature s = Signature.getInstance("ML-DSA");
              s.initSign(privateKey);
              s.update(message.toArray());
              yield s.sign();
            }
          });
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public List<TokenObject> objects(ServiceKey key) {
    return objects(List.of(key.name().label()));
  }

  @Override
  public List<TokenObject> objects(List<String> labels) {
    return labels.stream()
        .map(
            l ->
                new TokenObject(
                    l,
                    Map.of(
                        "CKA_SENSITIVE", true,
                        "CKA_ALWAYS_SENSITIVE", true,
                        "CKA_EXTRACTABLE", false,
                        "CKA_NEVER_EXTRACTABLE", true,
                        "CKA_LOCAL", true)))
        .toList();
  }

  @Override
  public Map<String, String> tokenIdentity() {
    return Map.of("label", "fake", "manufacturer", "Signet tests", "serial", "0");
  }

  private static byte[] p256(PrivateKey key, byte[] message) throws GeneralSecurityException {
    Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
    s.initSign(key);
    s.update(message);
    byte[] rs = s.sign();
    BigInteger sValue = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
    if (sValue.compareTo(P256_N.shiftRight(1)) > 0) {
      byte[] low = P256_N.subtract(sValue).toByteArray();
      byte[] fixed = new byte[32];
      System.arraycopy(
          low,
          Math.max(0, low.length - 32),
          fixed,
          32 - Math.min(32, low.length),
          Math.min(32, low.length));
      System.arraycopy(fixed, 0, rs, 32, 32);
    }
    return rs;
  }

  private static synchronized KeyPair rsa() throws GeneralSecurityException {
    if (rsa == null) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(3072);
      rsa = g.generateKeyPair();
    }
    return rsa;
  }

  private static byte[] sha256(byte[] data) throws GeneralSecurityException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }
}
