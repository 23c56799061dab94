package io.signet.application;

/**
 * A dependency cannot be used as configured (a wrong PIN, a missing PKCS#11 library, an unreachable
 * database), so Signet must not start. The message is one line for the operator: it says what is
 * wrong and which setting to look at, and never contains a secret.
 */
public final class StartupFailure extends RuntimeException {
  public StartupFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public StartupFailure(String message) {
    super(message);
  }
}
