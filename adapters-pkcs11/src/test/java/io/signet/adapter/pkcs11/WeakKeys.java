package io.signet.adapter.pkcs11;

import static sun.security.pkcs11.wrapper.PKCS11Constants.*;

import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.CK_MECHANISM;
import sun.security.pkcs11.wrapper.PKCS11;

/**
 * Creates key objects weaker than Signet accepts, directly through the PKCS#11 wrapper (as an
 * operator's tool could), to prove that Signet refuses them.
 */
final class WeakKeys {
  private WeakKeys() {}

  /** An AES-256 token key labelled {@code label} that is extractable and not sensitive. */
  static void createExtractableAesKey(String label) throws Exception {
    SoftHsmTestToken token = SoftHsmTestToken.get();
    PKCS11 p11 = PKCS11.getInstance(SoftHsmTestToken.LIBRARY, "C_GetFunctionList", null, false);
    long session = -1;
    for (long slot : p11.C_GetSlotList(true)) {
      if (new String(p11.C_GetTokenInfo(slot).label).strip().equals(token.label())) {
        session = p11.C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION, null, null);
      }
    }
    try {
      p11.C_GenerateKey(
          session,
          new CK_MECHANISM(CKM_AES_KEY_GEN),
          new CK_ATTRIBUTE[] {
            new CK_ATTRIBUTE(CKA_CLASS, CKO_SECRET_KEY),
            new CK_ATTRIBUTE(CKA_KEY_TYPE, CKK_AES),
            new CK_ATTRIBUTE(CKA_VALUE_LEN, 32L),
            new CK_ATTRIBUTE(CKA_LABEL, label.toCharArray()),
            new CK_ATTRIBUTE(CKA_TOKEN, true),
            new CK_ATTRIBUTE(CKA_PRIVATE, true),
            new CK_ATTRIBUTE(CKA_SENSITIVE, false),
            new CK_ATTRIBUTE(CKA_EXTRACTABLE, true),
            new CK_ATTRIBUTE(CKA_ENCRYPT, true),
            new CK_ATTRIBUTE(CKA_DECRYPT, true)
          });
    } finally {
      p11.C_CloseSession(session);
    }
  }
}
