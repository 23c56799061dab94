package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.LoginReplays;
import io.signet.domain.Bytes;
import io.signet.domain.wallet.EthereumAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** What every {@link LoginReplays} must do. The store may hold other tests' records. */
public abstract class LoginReplaysContract {
  protected static final Instant T0 = Instant.parse("2030-03-01T10:15:30Z");

  protected abstract LoginReplays replays();

  protected static EthereumAddress anAddress() {
    byte[] b = new byte[20];
    ThreadLocalRandom.current().nextBytes(b);
    return EthereumAddress.of(b);
  }

  protected static Bytes aDigest() {
    byte[] b = new byte[32];
    ThreadLocalRandom.current().nextBytes(b);
    return Bytes.of(b);
  }

  @Test
  void acceptsAMessageOnceForTheSameAddress() {
    EthereumAddress address = anAddress();
    Bytes digest = aDigest();
    assertThat(replays().firstUse(address, digest, T0)).isTrue();
    assertThat(replays().firstUse(address, digest, T0)).isFalse();
    assertThat(replays().firstUse(anAddress(), digest, T0)).isTrue();
    assertThat(replays().firstUse(address, aDigest(), T0)).isTrue();
  }

  @Test
  void forgetsOnlyWhatExpiredSoItCanBeUsedAgain() {
    EthereumAddress address = anAddress();
    Bytes old = aDigest();
    Bytes fresh = aDigest();
    replays().firstUse(address, old, T0.minusSeconds(1));
    replays().firstUse(address, fresh, T0.plusSeconds(1));
    assertThat(replays().forgetExpired(T0)).isGreaterThanOrEqualTo(1);
    assertThat(replays().firstUse(address, old, T0)).isTrue();
    assertThat(replays().firstUse(address, fresh, T0)).isFalse();
  }

  @Test
  void oneWinnerAmongConcurrentUses() throws Exception {
    EthereumAddress address = anAddress();
    Bytes digest = aDigest();
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 64; i++) attempts.add(() -> replays().firstUse(address, digest, T0));
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      long winners = 0;
      for (Future<Boolean> f : pool.invokeAll(attempts)) if (f.get()) winners++;
      assertThat(winners).isEqualTo(1);
    }
  }
}
