package io.signet.adapter.pkcs11;

import java.time.Duration;

/**
 * The adapter's token classes wired as Micronaut wires them, on the run's SoftHSM2 test token, for
 * ITs that run without an application context.
 */
record OpenedToken(
    TokenSession session, TokenKeys keys, KeyEncryptionKeys keks, Pkcs11KeyCustody custody) {

  static OpenedToken open() {
    SoftHsmTestToken soft = SoftHsmTestToken.get();
    TokenSession session =
        new TokenSession(
            new Pkcs11Settings(SoftHsmTestToken.LIBRARY, soft.label(), soft.pin(), null));
    TokenKeys keys = new TokenKeys(session);
    TokenSelfTest.run(session, keys);
    KeyEncryptionKeys keks = new KeyEncryptionKeys(session);
    Pkcs11KeyCustody custody =
        new Pkcs11KeyCustody(
            session,
            keys,
            keks,
            new DecryptedKeyCache(true, 100, Duration.ofMinutes(5), Duration.ofMinutes(5)),
            new NativeTokenKeys(session));
    return new OpenedToken(session, keys, keks, custody);
  }
}
