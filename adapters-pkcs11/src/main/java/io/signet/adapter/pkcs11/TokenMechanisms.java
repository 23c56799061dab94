package io.signet.adapter.pkcs11;

import static sun.security.pkcs11.wrapper.PKCS11Constants.*;

import io.signet.domain.SignetException;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.CK_RSA_PKCS_PSS_PARAMS;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Token mechanisms that SunPKCS11 does not expose, through the JDK's PKCS#11 wrapper:
 *
 * <ul>
 *   <li>Ed25519 (CKM_EC_EDWARDS_KEY_PAIR_GEN, CKM_EDDSA), which tokens such as SoftHSM 2.6 have but
 *       SunPKCS11 does not offer. Key pairs are generated with an exact template (private half:
 *       token object, private, sensitive, not extractable, sign-only; both halves labelled).
 *   <li>RSASSA-PSS over a hash computed elsewhere (CKM_RSA_PKCS_PSS): SunPKCS11's "RSASSA-PSS"
 *       always hashes its input itself.
 * </ul>
 *
 * Signing runs on a small pool of sessions of the logged-in application.
 *
 * <p>A token without those mechanisms gets a clear refusal when an Ed25519 key is asked for, never
 * an HSM error. A session or object handle that the token no longer knows (after an HSM restart) is
 * dropped, and the next call opens or finds a fresh one.
 */
final class TokenMechanisms {
  /** DER of the Ed25519 curve OID 1.3.101.112 (RFC 8410), the CKA_EC_PARAMS of the key pair. */
  private static final byte[] ED25519_PARAMS = {0x06, 0x03, 0x2b, 0x65, 0x70};

  private final PKCS11 p11;
  private final long slot;
  private final Queue<Long> sessions = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> handles = new ConcurrentHashMap<>();
  private volatile Boolean supported;

  TokenMechanisms(PKCS11 p11, long slot) {
    this.p11 = p11;
    this.slot = slot;
  }

  /** True when the token has both Ed25519 mechanisms. */
  boolean supported() {
    Boolean known = supported;
    if (known != null) return known;
    try {
      long[] mechanisms = p11.C_GetMechanismList(slot);
      boolean both =
          Arrays.stream(mechanisms).anyMatch(m -> m == CKM_EC_EDWARDS_KEY_PAIR_GEN)
              && Arrays.stream(mechanisms).anyMatch(m -> m == CKM_EDDSA);
      supported = both;
      return both;
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.translate("mechanism listing", e);
    }
  }

  /** Refuses clearly when the token cannot do Ed25519. */
  static void requireSupported(boolean supported) {
    if (!supported) {
      throw SignetException.InvalidRequest.field(
          "Ed25519 is not available: this HSM token has no CKM_EC_EDWARDS_KEY_PAIR_GEN / CKM_EDDSA"
              + " mechanism");
    }
  }

  /** Generates an Ed25519 key pair labelled {@code label}; returns the 32-byte public key. */
  byte[] generateEd25519(String label) {
    requireSupported(supported());
    char[] name = label.toCharArray();
    byte[] id = label.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    CK_ATTRIBUTE[] publicTemplate = {
      new CK_ATTRIBUTE(CKA_CLASS, CKO_PUBLIC_KEY),
      new CK_ATTRIBUTE(CKA_KEY_TYPE, CKK_EC_EDWARDS),
      new CK_ATTRIBUTE(CKA_TOKEN, true),
      new CK_ATTRIBUTE(CKA_VERIFY, true),
      new CK_ATTRIBUTE(CKA_LABEL, name),
      new CK_ATTRIBUTE(CKA_ID, id),
      new CK_ATTRIBUTE(CKA_EC_PARAMS, ED25519_PARAMS)
    };
    CK_ATTRIBUTE[] privateTemplate = {
      new CK_ATTRIBUTE(CKA_CLASS, CKO_PRIVATE_KEY),
      new CK_ATTRIBUTE(CKA_KEY_TYPE, CKK_EC_EDWARDS),
      new CK_ATTRIBUTE(CKA_TOKEN, true),
      new CK_ATTRIBUTE(CKA_PRIVATE, true),
      new CK_ATTRIBUTE(CKA_SENSITIVE, true),
      new CK_ATTRIBUTE(CKA_EXTRACTABLE, false),
      new CK_ATTRIBUTE(CKA_SIGN, true),
      new CK_ATTRIBUTE(CKA_DECRYPT, false),
      new CK_ATTRIBUTE(CKA_UNWRAP, false),
      new CK_ATTRIBUTE(CKA_DERIVE, false),
      new CK_ATTRIBUTE(CKA_LABEL, name),
      new CK_ATTRIBUTE(CKA_ID, id)
    };
    long session = session();
    try {
      long[] pair =
          p11.C_GenerateKeyPair(
              session,
              new CK_MECHANISM(CKM_EC_EDWARDS_KEY_PAIR_GEN),
              publicTemplate,
              privateTemplate);
      CK_ATTRIBUTE[] point = {new CK_ATTRIBUTE(CKA_EC_POINT)};
      p11.C_GetAttributeValue(session, pair[0], point);
      handles.put(label, pair[1]);
      release(session);
      return rawPoint(point[0].getByteArray());
    } catch (PKCS11Exception e) {
      drop(session, label);
      throw Pkcs11Errors.translate("Ed25519 key generation", e);
    }
  }

  /** PureEdDSA signature of {@code message} with the private key labelled {@code label}. */
  byte[] signEd25519(String label, byte[] message) {
    requireSupported(supported());
    return sign(label, CKK_EC_EDWARDS, new CK_MECHANISM(CKM_EDDSA), message, "Ed25519 signing");
  }

  /**
   * RSASSA-PSS (MGF1 with the same hash, salt {@code saltLength}) over {@code digest}, a hash of
   * {@code hashName} ("SHA-256"), with the RSA private key labelled {@code label}.
   */
  byte[] signRsaPss(String label, String hashName, int saltLength, byte[] digest) {
    CK_MECHANISM mechanism = new CK_MECHANISM(CKM_RSA_PKCS_PSS);
    mechanism.setParameter(new CK_RSA_PKCS_PSS_PARAMS(hashName, "MGF1", hashName, saltLength));
    return sign(label, CKK_RSA, mechanism, digest, "RSA-PSS signing");
  }

  private byte[] sign(
      String label, long keyType, CK_MECHANISM mechanism, byte[] data, String operation) {
    long session = session();
    try {
      p11.C_SignInit(session, mechanism, handle(session, label, keyType));
      byte[] signature = p11.C_Sign(session, data);
      release(session);
      return signature;
    } catch (PKCS11Exception e) {
      drop(session, label);
      throw Pkcs11Errors.translate(operation, e);
    } catch (RuntimeException e) {
      release(session);
      throw e;
    }
  }

  /** Forgets every pooled session and cached handle: the token lost them (after a reconnect). */
  void reset() {
    sessions.clear();
    handles.clear();
  }

  /** Forgets the cached handle of {@code label} (its objects are being destroyed). */
  void forget(String label) {
    handles.remove(label);
  }

  private long handle(long session, String label, long keyType) throws PKCS11Exception {
    Long cached = handles.get(label);
    if (cached != null) return cached;
    p11.C_FindObjectsInit(
        session,
        new CK_ATTRIBUTE[] {
          new CK_ATTRIBUTE(CKA_CLASS, CKO_PRIVATE_KEY),
          new CK_ATTRIBUTE(CKA_KEY_TYPE, keyType),
          new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray())
        });
    long[] found;
    try {
      found = p11.C_FindObjects(session, 2);
    } finally {
      p11.C_FindObjectsFinal(session);
    }
    if (found == null || found.length != 1) {
      throw new SignetException.NotFound(
          "no Ed25519 private key object " + label + " on the token");
    }
    handles.put(label, found[0]);
    return found[0];
  }

  private long session() {
    Long pooled = sessions.poll();
    if (pooled != null) return pooled;
    try {
      return p11.C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, null, null);
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.translate("session opening", e);
    }
  }

  private void release(long session) {
    sessions.offer(session);
  }

  /** After a failure the session may be in an unknown state: close it, forget the handle. */
  private void drop(long session, String label) {
    handles.remove(label);
    try {
      p11.C_CloseSession(session);
    } catch (PKCS11Exception alreadyGone) {
      // the token no longer knows it
    }
  }

  /** CKA_EC_POINT is the 32-byte key, DER-wrapped in an OCTET STRING by most tokens. */
  static byte[] rawPoint(byte[] ecPoint) {
    if (ecPoint.length == 34 && ecPoint[0] == 0x04 && ecPoint[1] == 32) {
      return Arrays.copyOfRange(ecPoint, 2, 34);
    }
    if (ecPoint.length == 32) return ecPoint;
    throw new IllegalStateException(
        "unexpected Ed25519 CKA_EC_POINT of " + ecPoint.length + " bytes");
  }
}
