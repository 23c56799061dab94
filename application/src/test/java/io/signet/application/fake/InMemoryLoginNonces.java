package io.signet.application.fake;

import io.signet.application.port.LoginNonces;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LoginNonces} in memory; {@code remove} gives the one winner. */
public final class InMemoryLoginNonces implements LoginNonces {
  private final Map<String, Instant> nonces = new ConcurrentHashMap<>();

  @Override
  public void issue(String nonce, Instant expiresAt) {
    if (nonces.putIfAbsent(nonce, expiresAt) != null) {
      throw new IllegalStateException("nonce issued twice");
    }
  }

  @Override
  public boolean use(String nonce, Instant now) {
    Instant expiresAt = nonces.get(nonce);
    return expiresAt != null && now.isBefore(expiresAt) && nonces.remove(nonce, expiresAt);
  }

  @Override
  public int forgetExpired(Instant now) {
    int before = nonces.size();
    nonces.values().removeIf(expiresAt -> !now.isBefore(expiresAt));
    return before - nonces.size();
  }
}
