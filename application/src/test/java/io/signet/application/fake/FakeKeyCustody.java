package io.signet.application.fake;

import io.signet.application.port.KeyCustody;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.Protection;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link KeyCustody} with software keys (the JDK's ML-DSA-65), for unit tests of the core. Composite
 * keys are modelled as an ML-DSA key with an "HSM-held" part, which is what {@link #heldKeys}
 * lists. Passes {@code KeyCustodyContract}. Can be told to fail, to exercise error paths.
 */
public final class FakeKeyCustody implements KeyCustody {
  private final Map<KeyName, KeyPair> held = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private volatile boolean unavailable;

  /** From now on every call fails as an unreachable HSM would. */
  public void breakDown() {
    unavailable = true;
  }

  public void repair() {
    unavailable = false;
  }

  @Override
  public GeneratedKey generate(KeyName name) {
    requireAvailable();
    try {
      KeyPair pair = KeyPairGenerator.getInstance("ML-DSA-65").generateKeyPair();
      held.put(name, pair);
      byte[] sealed = new byte[64];
      random.nextBytes(sealed);
      return new GeneratedKey(Bytes.of(pair.getPublic().getEncoded()), Protection.HSM_WRAPPED, Bytes.of(sealed));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void destroy(KeyName name) {
    requireAvailable();
    held.remove(name);
  }

  @Override
  public List<KeyName> heldKeys() {
    requireAvailable();
    return new ArrayList<>(held.keySet());
  }

  private void requireAvailable() {
    if (unavailable) {
      throw new io.signet.domain.SignetException.Unavailable("HSM unavailable (fake)", null);
    }
  }
}
