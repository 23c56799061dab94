package io.signet.adapter.pkcs11;

import io.signet.domain.Causes;
import io.signet.domain.SignetException;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * The one place where HSM failures become Signet errors. Everything that comes out of the token
 * boundary (provider exceptions, key store exceptions, the wrapper's PKCS11Exception) means "the
 * HSM could not do it": the operation did not take effect. Messages carry the PKCS#11 return code
 * name only, never key material or a PIN.
 */
final class Pkcs11Errors {
  private Pkcs11Errors() {}

  static SignetException translate(String operation, Throwable failure) {
    if (failure instanceof SignetException signet) return signet;
    return new SignetException.Unavailable(
        "HSM unavailable: " + operation + " failed" + code(failure), failure);
  }

  /** The PKCS#11 return code of the deepest wrapper exception, e.g. " (CKR_PIN_INCORRECT)". */
  static String code(Throwable failure) {
    return Causes.find(failure, PKCS11Exception.class)
        .map(PKCS11Exception::getMessage)
        .map(message -> " (" + message + ")")
        .orElse("");
  }
}
