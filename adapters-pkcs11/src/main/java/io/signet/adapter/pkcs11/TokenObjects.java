package io.signet.adapter.pkcs11;

import static sun.security.pkcs11.wrapper.PKCS11Constants.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_GCM_PARAMS;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.CK_SESSION_INFO;
import sun.security.pkcs11.wrapper.Functions;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Object management that the JCA provider does not offer: find objects by label, read their
 * attributes as the token reports them, generate the key-encryption key with an exact template,
 * destroy objects. Works through the JDK's PKCS#11 wrapper on one dedicated session of the
 * logged-in application (PKCS#11 login is per application, so this session is authenticated too).
 *
 * <p>A PKCS#11 session is not safe for concurrent use: every method is synchronized. These are
 * management calls, never on the signing path. The session field changes only in {@link #reopen}.
 */
final class TokenObjects {
  /** The flags {@link KeyObjectPolicy} checks on key objects, in the order they are reported. */
  private static final long[] SECURITY_FLAGS = {
    CKA_SENSITIVE,
    CKA_ALWAYS_SENSITIVE,
    CKA_EXTRACTABLE,
    CKA_NEVER_EXTRACTABLE,
    CKA_LOCAL,
    CKA_TOKEN,
    CKA_PRIVATE,
    CKA_SIGN,
    CKA_DECRYPT,
    CKA_ENCRYPT,
    CKA_WRAP,
    CKA_UNWRAP,
    CKA_DERIVE
  };

  private final PKCS11 p11;
  private final long slot;
  private long session;

  TokenObjects(PKCS11 p11, long slot) throws PKCS11Exception {
    this.p11 = p11;
    this.slot = slot;
    this.session = open(p11, slot);
  }

  /** The module, for classes that keep sessions of their own on the same logged-in token. */
  PKCS11 module() {
    return p11;
  }

  long slot() {
    return slot;
  }

  /** Replaces the session, for after the token lost it (an HSM restart closes every session). */
  synchronized void reopen() throws PKCS11Exception {
    try {
      p11.C_CloseSession(session);
    } catch (PKCS11Exception alreadyGone) {
      // the token no longer knows it
    }
    session = open(p11, slot);
  }

  private static long open(PKCS11 p11, long slot) throws PKCS11Exception {
    return p11.C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, null, null);
  }

  /** Labels of the token's private and secret key objects whose label starts with prefix. */
  synchronized List<String> keyLabels(String prefix) throws PKCS11Exception {
    List<String> labels = new ArrayList<>();
    for (long objectClass : new long[] {CKO_PRIVATE_KEY, CKO_SECRET_KEY}) {
      for (long handle :
          find(new CK_ATTRIBUTE(CKA_TOKEN, true), new CK_ATTRIBUTE(CKA_CLASS, objectClass))) {
        String label = label(handle);
        if (label.startsWith(prefix)) labels.add(label);
      }
    }
    return labels;
  }

  synchronized boolean exists(String label) throws PKCS11Exception {
    return find(new CK_ATTRIBUTE(CKA_TOKEN, true), new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()))
            .length
        > 0;
  }

  /**
   * The security attributes of the key object with this label (private or secret), read from the
   * token: CKA_SENSITIVE, CKA_ALWAYS_SENSITIVE, CKA_EXTRACTABLE, CKA_NEVER_EXTRACTABLE, CKA_LOCAL,
   * CKA_TOKEN, CKA_PRIVATE, CKA_SIGN, CKA_DECRYPT, CKA_ENCRYPT, CKA_WRAP, CKA_UNWRAP, CKA_DERIVE
   * (those the object's class has). Empty when there is none.
   */
  synchronized Map<String, Boolean> keyAttributes(String label) throws PKCS11Exception {
    Optional<KeyObject> key = keyObject(p11, session, label);
    return key.isEmpty() ? Map.of() : flags(p11, session, key.get().handle(), SECURITY_FLAGS);
  }

  /**
   * Generates a non-extractable AES-256 token key labelled {@code label}, usable only to encrypt
   * and decrypt, and returns its handle.
   */
  synchronized long generateAesKey(String label) throws PKCS11Exception {
    return p11.C_GenerateKey(session, new CK_MECHANISM(CKM_AES_KEY_GEN), kekTemplate(label));
  }

  /** The template of a key-encryption key: what {@link KeyObjectPolicy#KEY_ENCRYPTION} expects. */
  static CK_ATTRIBUTE[] kekTemplate(String label) {
    return new CK_ATTRIBUTE[] {
      new CK_ATTRIBUTE(CKA_CLASS, CKO_SECRET_KEY),
      new CK_ATTRIBUTE(CKA_KEY_TYPE, CKK_AES),
      new CK_ATTRIBUTE(CKA_VALUE_LEN, 32L),
      new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()),
      new CK_ATTRIBUTE(CKA_TOKEN, true),
      new CK_ATTRIBUTE(CKA_PRIVATE, true),
      new CK_ATTRIBUTE(CKA_SENSITIVE, true),
      new CK_ATTRIBUTE(CKA_EXTRACTABLE, false),
      new CK_ATTRIBUTE(CKA_ENCRYPT, true),
      new CK_ATTRIBUTE(CKA_DECRYPT, true),
      new CK_ATTRIBUTE(CKA_WRAP, false),
      new CK_ATTRIBUTE(CKA_UNWRAP, false),
      new CK_ATTRIBUTE(CKA_SIGN, false),
      new CK_ATTRIBUTE(CKA_VERIFY, false),
      new CK_ATTRIBUTE(CKA_DERIVE, false)
    };
  }

  /** Handles of the token's secret keys labelled {@code label} (looked up afresh every time). */
  synchronized long[] secretKeys(String label) throws PKCS11Exception {
    return find(
        new CK_ATTRIBUTE(CKA_TOKEN, true),
        new CK_ATTRIBUTE(CKA_CLASS, CKO_SECRET_KEY),
        new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()));
  }

  /** Destroys one object by its handle. */
  synchronized void destroyObject(long handle) throws PKCS11Exception {
    p11.C_DestroyObject(session, handle);
  }

  /**
   * AES-256-GCM with the secret key {@code handle}, inside the token: encrypts {@code input} (the
   * result is ciphertext ‖ 16-byte tag) or decrypts it (input is ciphertext ‖ tag; a wrong tag is
   * CKR_ENCRYPTED_DATA_INVALID or similar).
   */
  synchronized byte[] gcm(boolean encrypt, long handle, byte[] iv, byte[] aad, byte[] input)
      throws PKCS11Exception {
    CK_MECHANISM mechanism = new CK_MECHANISM(CKM_AES_GCM, new CK_GCM_PARAMS(128, iv, aad));
    var version = p11.getVersion();
    boolean normativeFirst = version.major > 2 || (version.major == 2 && version.minor >= 40);
    byte[] out = new byte[input.length + 16];
    int length;
    if (encrypt) {
      p11.C_GCMEncryptInitWithRetry(session, mechanism, handle, normativeFirst);
      length = p11.C_Encrypt(session, 0, input, 0, input.length, 0, out, 0, out.length);
    } else {
      p11.C_GCMDecryptInitWithRetry(session, mechanism, handle, normativeFirst);
      length = p11.C_Decrypt(session, 0, input, 0, input.length, 0, out, 0, out.length);
    }
    byte[] result = java.util.Arrays.copyOf(out, length);
    java.util.Arrays.fill(out, (byte) 0);
    return result;
  }

  /** The security attributes of the object {@code handle} (see {@link #keyAttributes}). */
  synchronized Map<String, Boolean> attributesOf(long handle) throws PKCS11Exception {
    return flags(p11, session, handle, SECURITY_FLAGS);
  }

  /**
   * Gives the private key that belongs to the certificate labelled {@code label} (same CKA_ID) the
   * same label. The PKCS#11 key store labels only the certificate; with the label on the key too,
   * the key can be found, inspected and destroyed by name. Returns false when there is no such key.
   */
  synchronized boolean labelKeyOfCertificate(String label) throws PKCS11Exception {
    long[] certificates =
        find(
            new CK_ATTRIBUTE(CKA_TOKEN, true),
            new CK_ATTRIBUTE(CKA_CLASS, CKO_CERTIFICATE),
            new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()));
    if (certificates.length != 1) return false;
    CK_ATTRIBUTE[] id = {new CK_ATTRIBUTE(CKA_ID)};
    p11.C_GetAttributeValue(session, certificates[0], id);
    long[] keys =
        find(
            new CK_ATTRIBUTE(CKA_TOKEN, true),
            new CK_ATTRIBUTE(CKA_CLASS, CKO_PRIVATE_KEY),
            new CK_ATTRIBUTE(CKA_ID, id[0].getByteArray()));
    if (keys.length != 1) return false;
    p11.C_SetAttributeValue(
        session, keys[0], new CK_ATTRIBUTE[] {new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray())});
    return true;
  }

  /** Destroys every token object with this label; returns how many there were. */
  synchronized int destroy(String label) throws PKCS11Exception {
    long[] handles =
        find(new CK_ATTRIBUTE(CKA_TOKEN, true), new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()));
    for (long handle : handles) p11.C_DestroyObject(session, handle);
    return handles.length;
  }

  /** The values of the token's data objects (CKO_DATA) labelled {@code label}. */
  synchronized List<byte[]> dataValues(String label) throws PKCS11Exception {
    List<byte[]> values = new ArrayList<>();
    for (long handle :
        find(
            new CK_ATTRIBUTE(CKA_TOKEN, true),
            new CK_ATTRIBUTE(CKA_CLASS, CKO_DATA),
            new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()))) {
      CK_ATTRIBUTE[] read = {new CK_ATTRIBUTE(CKA_VALUE)};
      p11.C_GetAttributeValue(session, handle, read);
      values.add(read[0].pValue instanceof byte[] bytes ? bytes : new byte[0]);
    }
    return values;
  }

  /**
   * Creates a private, unmodifiable token data object (CKO_DATA) of {@code application} labelled
   * {@code label} holding {@code value}.
   */
  synchronized void createData(String label, String application, byte[] value)
      throws PKCS11Exception {
    p11.C_CreateObject(
        session,
        new CK_ATTRIBUTE[] {
          new CK_ATTRIBUTE(CKA_CLASS, CKO_DATA),
          new CK_ATTRIBUTE(CKA_TOKEN, true),
          new CK_ATTRIBUTE(CKA_PRIVATE, true),
          new CK_ATTRIBUTE(CKA_MODIFIABLE, false),
          new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()),
          new CK_ATTRIBUTE(CKA_APPLICATION, application.toCharArray()),
          new CK_ATTRIBUTE(CKA_VALUE, value)
        });
  }

  /** True when the token is present and this application is logged in to it. */
  synchronized boolean loggedIn() throws PKCS11Exception {
    p11.C_GetTokenInfo(slot);
    CK_SESSION_INFO info = p11.C_GetSessionInfo(session);
    return info.state == CKS_RW_USER_FUNCTIONS || info.state == CKS_RO_USER_FUNCTIONS;
  }

  /** A key object on the token: its class (CKO_PRIVATE_KEY or CKO_SECRET_KEY) and handle. */
  record KeyObject(long objectClass, long handle) {}

  /**
   * The token's key object labelled {@code label} on {@code session}: the private key if there is
   * one, else the secret key; empty when there is neither. The one key lookup by label.
   */
  static Optional<KeyObject> keyObject(PKCS11 p11, long session, String label)
      throws PKCS11Exception {
    for (long objectClass : new long[] {CKO_PRIVATE_KEY, CKO_SECRET_KEY}) {
      long[] handles =
          find(
              p11,
              session,
              new CK_ATTRIBUTE(CKA_TOKEN, true),
              new CK_ATTRIBUTE(CKA_CLASS, objectClass),
              new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()));
      if (handles.length > 0) return Optional.of(new KeyObject(objectClass, handles[0]));
    }
    return Optional.empty();
  }

  /**
   * The boolean attributes {@code types} of the object {@code handle} as the token reports them, by
   * name ({@code CKA_…}), in the order asked; those its class does not have are left out. The one
   * attribute reader.
   */
  static Map<String, Boolean> flags(PKCS11 p11, long session, long handle, long... types)
      throws PKCS11Exception {
    Map<String, Boolean> result = new LinkedHashMap<>();
    for (long type : types) {
      CK_ATTRIBUTE[] read = {new CK_ATTRIBUTE(type)};
      try {
        p11.C_GetAttributeValue(session, handle, read);
        result.put(Functions.getAttributeName(type), read[0].getBoolean());
      } catch (PKCS11Exception e) {
        if (!e.match(PKCS11Exception.RV.CKR_ATTRIBUTE_TYPE_INVALID)) throw e;
      }
    }
    return result;
  }

  private long[] find(CK_ATTRIBUTE... template) throws PKCS11Exception {
    return find(p11, session, template);
  }

  /** Every object on {@code session} matching {@code template}: the one object search. */
  static long[] find(PKCS11 p11, long session, CK_ATTRIBUTE... template) throws PKCS11Exception {
    p11.C_FindObjectsInit(session, template);
    try {
      List<Long> handles = new ArrayList<>();
      while (true) {
        long[] batch = p11.C_FindObjects(session, 64);
        if (batch == null || batch.length == 0) break;
        for (long h : batch) handles.add(h);
      }
      return handles.stream().mapToLong(Long::longValue).toArray();
    } finally {
      p11.C_FindObjectsFinal(session);
    }
  }

  private String label(long handle) throws PKCS11Exception {
    CK_ATTRIBUTE[] read = {new CK_ATTRIBUTE(CKA_LABEL)};
    p11.C_GetAttributeValue(session, handle, read);
    return read[0].pValue instanceof char[] chars ? new String(chars) : "";
  }
}
