package io.signet.adapter.pkcs11;

import static sun.security.pkcs11.wrapper.PKCS11Constants.*;

import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_INFO;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.CK_RSA_PKCS_PSS_PARAMS;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Native key pairs on the token, generated, used and inspected through the PKCS#11 wrapper with an
 * exact template: the private key is a token object, private, sensitive, never extractable,
 * sign-only (no decrypt, unwrap or derive), labelled; the public key is a session object (its value
 * is returned as SubjectPublicKeyInfo and stored by the caller). Signing is C_Sign on the token:
 * {@link #signDigest} (CKM_ECDSA, raw r‖s) and {@link #signRsaPss} (CKM_SHA256_RSA_PKCS_PSS,
 * MGF1-SHA-256, salt 32).
 *
 * <p>One session of its own on the logged-in token (PKCS#11 login is per application), used under
 * this object's lock: these keys sign at low rates (receipts fetched, tokens issued, reports). When
 * the token has lost the session (an HSM restart), the session is reopened once and the call
 * retried.
 */
@Singleton
final class NativeTokenKeys {
  /** The key types Signet generates natively. */
  enum Type {
    P256(X9ObjectIdentifiers.prime256v1),
    SECP256K1(SECObjectIdentifiers.secp256k1),
    RSA_3072(null);

    @SuppressWarnings("ImmutableEnumChecker") // OIDs are immutable values
    private final ASN1ObjectIdentifier curve;

    Type(ASN1ObjectIdentifier curve) {
      this.curve = curve;
    }

    /** CKA_EC_PARAMS: the DER-encoded named-curve OID. */
    byte[] curveParameters() {
      try {
        return curve.getEncoded();
      } catch (java.io.IOException e) {
        throw new IllegalStateException("curve OID does not encode", e);
      }
    }
  }

  /** The flags reported for a native key, in this order. */
  private static final long[] FLAGS = {
    CKA_TOKEN,
    CKA_PRIVATE,
    CKA_SENSITIVE,
    CKA_ALWAYS_SENSITIVE,
    CKA_EXTRACTABLE,
    CKA_NEVER_EXTRACTABLE,
    CKA_LOCAL,
    CKA_SIGN,
    CKA_DECRYPT,
    CKA_UNWRAP,
    CKA_DERIVE
  };

  private final PKCS11 p11;
  private final long slot;
  private final String tokenLabel;
  private final SecureRandom random = new SecureRandom();
  private long session;

  NativeTokenKeys(TokenSession token) {
    this.p11 = token.objects().module();
    this.slot = token.objects().slot();
    this.tokenLabel = token.tokenLabel();
    try {
      this.session = open();
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.translate("service session", e);
    }
  }

  /**
   * Generates a key pair labelled {@code label} (after destroying any object left under that label
   * by an interrupted generation) and returns the public key as SubjectPublicKeyInfo DER.
   */
  synchronized byte[] generate(String label, Type type) {
    return retrying(
        "native key generation",
        () -> {
          destroyAll(label);
          byte[] id = new byte[16];
          random.nextBytes(id);
          CK_ATTRIBUTE[] privateTemplate = privateTemplate(label, id);
          long[] handles =
              switch (type) {
                case P256, SECP256K1 ->
                    p11.C_GenerateKeyPair(
                        session,
                        new CK_MECHANISM(CKM_EC_KEY_PAIR_GEN),
                        new CK_ATTRIBUTE[] {
                          new CK_ATTRIBUTE(CKA_TOKEN, false),
                          new CK_ATTRIBUTE(CKA_VERIFY, true),
                          new CK_ATTRIBUTE(CKA_EC_PARAMS, type.curveParameters()),
                          new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()),
                          new CK_ATTRIBUTE(CKA_ID, id)
                        },
                        privateTemplate);
                case RSA_3072 ->
                    p11.C_GenerateKeyPair(
                        session,
                        new CK_MECHANISM(CKM_RSA_PKCS_KEY_PAIR_GEN),
                        new CK_ATTRIBUTE[] {
                          new CK_ATTRIBUTE(CKA_TOKEN, false),
                          new CK_ATTRIBUTE(CKA_VERIFY, true),
                          new CK_ATTRIBUTE(CKA_MODULUS_BITS, 3072L),
                          new CK_ATTRIBUTE(CKA_PUBLIC_EXPONENT, BigInteger.valueOf(65537)),
                          new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()),
                          new CK_ATTRIBUTE(CKA_ID, id)
                        },
                        privateTemplate);
              };
          try {
            return publicKey(handles[0], type);
          } finally {
            p11.C_DestroyObject(session, handles[0]);
          }
        });
  }

  /** Destroys every object labelled {@code label}. Idempotent. */
  synchronized void destroy(String label) {
    retrying(
        "key destruction",
        () -> {
          destroyAll(label);
          return null;
        });
  }

  /** CKM_ECDSA over a digest the caller computed: the raw r‖s the token returns. */
  synchronized byte[] signDigest(String label, byte[] digest) {
    return retrying(
        "signing",
        () -> {
          p11.C_SignInit(session, new CK_MECHANISM(CKM_ECDSA), privateKey(label));
          return p11.C_Sign(session, digest);
        });
  }

  /** RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt, over the message. */
  synchronized byte[] signRsaPss(String label, byte[] message) {
    return retrying(
        "signing",
        () -> {
          CK_MECHANISM mechanism = new CK_MECHANISM(CKM_SHA256_RSA_PKCS_PSS);
          mechanism.setParameter(new CK_RSA_PKCS_PSS_PARAMS("SHA-256", "MGF1", "SHA-256", 32));
          p11.C_SignInit(session, mechanism, privateKey(label));
          return p11.C_Sign(session, message);
        });
  }

  /**
   * The private or secret key object labelled {@code label} with CKA_CLASS, CKA_KEY_TYPE and the
   * security attributes as the token reports them now; empty when there is none.
   */
  synchronized Map<String, Object> attributes(String label) {
    return retrying(
        "attribute read",
        () -> {
          Optional<TokenObjects.KeyObject> key = TokenObjects.keyObject(p11, session, label);
          if (key.isEmpty()) return Map.<String, Object>of();
          long handle = key.get().handle();
          Map<String, Object> result = new LinkedHashMap<>();
          result.put(
              "CKA_CLASS",
              key.get().objectClass() == CKO_PRIVATE_KEY ? "CKO_PRIVATE_KEY" : "CKO_SECRET_KEY");
          CK_ATTRIBUTE[] keyType = {new CK_ATTRIBUTE(CKA_KEY_TYPE)};
          p11.C_GetAttributeValue(session, handle, keyType);
          result.put("CKA_KEY_TYPE", keyTypeName(keyType[0].getLong()));
          result.putAll(TokenObjects.flags(p11, session, handle, FLAGS));
          return result;
        });
  }

  /** The token's and library's own description of themselves, read now. */
  synchronized Map<String, String> identity() {
    return retrying(
        "token identity",
        () -> {
          CK_INFO info = p11.C_GetInfo();
          CK_TOKEN_INFO token = p11.C_GetTokenInfo(slot);
          Map<String, String> result = new LinkedHashMap<>();
          result.put("library_description", new String(info.libraryDescription).strip());
          result.put("library_manufacturer", new String(info.manufacturerID).strip());
          result.put(
              "library_version", info.libraryVersion.major + "." + info.libraryVersion.minor);
          result.put("manufacturer", new String(token.manufacturerID).strip());
          result.put("model", new String(token.model).strip());
          result.put("serial", new String(token.serialNumber).strip());
          result.put("label", tokenLabel);
          result.put("firmware", token.firmwareVersion.major + "." + token.firmwareVersion.minor);
          return result;
        });
  }

  private static CK_ATTRIBUTE[] privateTemplate(String label, byte[] id) {
    List<CK_ATTRIBUTE> template = new ArrayList<>();
    template.add(new CK_ATTRIBUTE(CKA_TOKEN, true));
    template.add(new CK_ATTRIBUTE(CKA_PRIVATE, true));
    template.add(new CK_ATTRIBUTE(CKA_SENSITIVE, true));
    template.add(new CK_ATTRIBUTE(CKA_EXTRACTABLE, false));
    template.add(new CK_ATTRIBUTE(CKA_SIGN, true));
    template.add(new CK_ATTRIBUTE(CKA_DECRYPT, false));
    template.add(new CK_ATTRIBUTE(CKA_UNWRAP, false));
    template.add(new CK_ATTRIBUTE(CKA_DERIVE, false));
    template.add(new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()));
    template.add(new CK_ATTRIBUTE(CKA_ID, id));
    return template.toArray(CK_ATTRIBUTE[]::new);
  }

  private byte[] publicKey(long handle, Type type) throws PKCS11Exception {
    try {
      return switch (type) {
        case P256, SECP256K1 -> {
          CK_ATTRIBUTE[] read = {new CK_ATTRIBUTE(CKA_EC_POINT)};
          p11.C_GetAttributeValue(session, handle, read);
          byte[] point = read[0].getByteArray();
          // PKCS#11 wants the point DER-wrapped in an OCTET STRING (67 bytes); some tokens give
          // the bare uncompressed point (65 bytes).
          if (point.length != 65) point = ASN1OctetString.getInstance(point).getOctets();
          yield new SubjectPublicKeyInfo(
                  new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, type.curve), point)
              .getEncoded("DER");
        }
        case RSA_3072 -> {
          CK_ATTRIBUTE[] read = {
            new CK_ATTRIBUTE(CKA_MODULUS), new CK_ATTRIBUTE(CKA_PUBLIC_EXPONENT)
          };
          p11.C_GetAttributeValue(session, handle, read);
          yield new SubjectPublicKeyInfo(
                  new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                  new RSAPublicKey(
                      new BigInteger(1, read[0].getByteArray()),
                      new BigInteger(1, read[1].getByteArray())))
              .getEncoded("DER");
        }
      };
    } catch (java.io.IOException e) {
      throw new IllegalStateException("public key does not encode", e);
    }
  }

  private long privateKey(String label) throws PKCS11Exception {
    long[] handles =
        find(
            new CK_ATTRIBUTE(CKA_CLASS, CKO_PRIVATE_KEY),
            new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()));
    if (handles.length != 1) {
      throw new IllegalStateException(
          handles.length + " private key objects labelled " + label + " on the token");
    }
    return handles[0];
  }

  private void destroyAll(String label) throws PKCS11Exception {
    for (long handle : find(new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()))) {
      p11.C_DestroyObject(session, handle);
    }
  }

  private long[] find(CK_ATTRIBUTE... template) throws PKCS11Exception {
    return TokenObjects.find(p11, session, template);
  }

  private static String keyTypeName(long type) {
    if (type == CKK_EC) return "CKK_EC";
    if (type == CKK_RSA) return "CKK_RSA";
    if (type == CKK_AES) return "CKK_AES";
    return "0x" + Long.toHexString(type);
  }

  private long open() throws PKCS11Exception {
    return p11.C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, null, null);
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws PKCS11Exception;
  }

  private <T> T retrying(String operation, Call<T> call) {
    try {
      try {
        return call.run();
      } catch (PKCS11Exception e) {
        if (!e.match(PKCS11Exception.RV.CKR_SESSION_HANDLE_INVALID)
            && !e.match(PKCS11Exception.RV.CKR_SESSION_CLOSED)
            && !e.match(PKCS11Exception.RV.CKR_DEVICE_REMOVED)) {
          throw e;
        }
        session = open();
        return call.run();
      }
    } catch (PKCS11Exception | RuntimeException e) {
      throw Pkcs11Errors.translate(operation, e);
    }
  }
}
