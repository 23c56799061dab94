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

  /**
   * An AES-256 token key labelled {@code label} made as Signet makes its key-encryption keys, but
   * extractable and not sensitive.
   */
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
      CK_ATTRIBUTE[] template = TokenObjects.kekTemplate(label);
      for (int i = 0; i < template.length; i++) {
        if (template[i].type == CKA_SENSITIVE) template[i] = new CK_ATTRIBUTE(CKA_SENSITIVE, false);
        if (template[i].type == CKA_EXTRACTABLE) {
          template[i] = new CK_ATTRIBUTE(CKA_EXTRACTABLE, true);
        }
      }
      p11.C_GenerateKey(session, new CK_MECHANISM(CKM_AES_KEY_GEN), template);
    } finally {
      p11.C_CloseSession(session);
    }
  }
}
