package io.signet.bootstrap;

import io.signet.adapter.pkcs11.SoftHsmTestToken;
import sun.security.pkcs11.wrapper.CK_ATTRIBUTE;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Constants;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Counts every object on the run's test token (keys, certificates, data objects, private ones
 * included), through the PKCS#11 wrapper, independently of Signet's classes.
 */
final class TokenObjectCount {
  private TokenObjectCount() {}

  static int count() throws Exception {
    SoftHsmTestToken token = SoftHsmTestToken.get();
    PKCS11 p11 = PKCS11.getInstance(SoftHsmTestToken.LIBRARY, "C_GetFunctionList", null, false);
    long session = -1;
    for (long slot : p11.C_GetSlotList(true)) {
      if (new String(p11.C_GetTokenInfo(slot).label).strip().equals(token.label())) {
        session = p11.C_OpenSession(slot, PKCS11Constants.CKF_SERIAL_SESSION, null, null);
      }
    }
    try {
      try {
        p11.C_Login(session, PKCS11Constants.CKU_USER, token.pin().toCharArray());
      } catch (PKCS11Exception e) {
        if (!e.match(PKCS11Exception.RV.CKR_USER_ALREADY_LOGGED_IN)) throw e;
      }
      p11.C_FindObjectsInit(
          session, new CK_ATTRIBUTE[] {new CK_ATTRIBUTE(PKCS11Constants.CKA_TOKEN, true)});
      int count = 0;
      while (true) {
        long[] batch = p11.C_FindObjects(session, 256);
        if (batch == null || batch.length == 0) break;
        count += batch.length;
      }
      p11.C_FindObjectsFinal(session);
      return count;
    } finally {
      p11.C_CloseSession(session);
    }
  }
}
