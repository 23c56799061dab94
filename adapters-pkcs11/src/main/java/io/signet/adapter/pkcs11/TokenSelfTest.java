package io.signet.adapter.pkcs11;

import io.micronaut.context.annotation.Context;
import io.signet.application.StartupFailure;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up self-test of the token: generate a throwaway P-256 key on it, sign, verify the
 * signature in the JDK, check that the token reports the key sensitive and never extractable, and
 * destroy it. Any failure stops the start with one line.
 */
@Context
final class TokenSelfTest {
  // One label per process: instances starting together on one token must not destroy each other's
  // throwaway key.
  static final String LABEL =
      "signet-selftest-" + java.util.UUID.randomUUID().toString().substring(0, 8);
  private static final Logger LOG = LoggerFactory.getLogger(TokenSelfTest.class);

  TokenSelfTest(TokenSession session, TokenKeys keys) {
    run(session, keys);
    LOG.info("HSM token '{}' ready (self-test passed)", session.tokenLabel());
  }

  static void run(TokenSession session, TokenKeys keys) {
    try {
      // The label is this process's own: nothing to clear first, and the key goes whatever the
      // outcome, so a failed self-test leaves nothing on the token.
      PublicKey publicKey = keys.generateEcKey(LABEL);
      try {
        check(session, keys, publicKey);
      } finally {
        keys.destroy(LABEL);
      }
      if (session.objects().exists(LABEL)) {
        throw new StartupFailure("HSM self-test failed: the throwaway key could not be destroyed");
      }
    } catch (StartupFailure e) {
      throw e;
    } catch (Exception e) {
      throw new StartupFailure(
          "HSM self-test failed" + Pkcs11Errors.code(e) + ": " + e.getMessage(), e);
    }
  }

  private static void check(TokenSession session, TokenKeys keys, PublicKey publicKey)
      throws GeneralSecurityException {
    byte[] probe = "signet self-test".getBytes(StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance("SHA256withECDSA", session.provider());
    signer.initSign(keys.privateKey(LABEL));
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey);
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new StartupFailure("HSM self-test failed: the token's signature does not verify");
    }
    var violations = KeyObjectPolicy.SIGNING.violations(keys.keyAttributes(LABEL));
    if (!violations.isEmpty()) {
      throw new StartupFailure(
          "HSM self-test failed: generated keys are weaker than required: " + violations);
    }
  }
}
