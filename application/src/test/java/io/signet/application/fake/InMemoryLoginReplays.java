package io.signet.application.fake;

import io.signet.application.port.LoginReplays;
import io.signet.domain.Bytes;
import io.signet.domain.wallet.EthereumAddress;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LoginReplays} in memory; {@code putIfAbsent} gives the one winner. */
public final class InMemoryLoginReplays implements LoginReplays {
  private final Map<String, Instant> used = new ConcurrentHashMap<>();

  @Override
  public boolean firstUse(EthereumAddress address, Bytes messageSha256, Instant forgetAfter) {
    return used.putIfAbsent(address + "/" + messageSha256.base64(), forgetAfter) == null;
  }

  @Override
  public int forgetExpired(Instant now) {
    int before = used.size();
    used.values().removeIf(forgetAfter -> forgetAfter.isBefore(now));
    return before - used.size();
  }
}
