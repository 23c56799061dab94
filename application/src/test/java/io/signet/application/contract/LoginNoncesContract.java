package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.LoginNonces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** What every {@link LoginNonces} must do. The store may hold other tests' nonces. */
public abstract class LoginNoncesContract {
  protected static final Instant T0 = Instant.parse("2030-03-01T10:15:30Z");

  protected abstract LoginNonces nonces();

  protected static String aNonce() {
    byte[] b = new byte[16];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Test
  void acceptsAnIssuedNonceOnceBeforeItExpires() {
    String nonce = aNonce();
    nonces().issue(nonce, T0.plusSeconds(300));
    assertThat(nonces().use(nonce, T0)).isTrue();
    assertThat(nonces().use(nonce, T0)).isFalse();
  }

  @Test
  void refusesUnknownAndExpiredNonces() {
    assertThat(nonces().use(aNonce(), T0)).isFalse();
    String nonce = aNonce();
    nonces().issue(nonce, T0);
    assertThat(nonces().use(nonce, T0)).isFalse();
    assertThat(nonces().use(nonce, T0.minusMillis(1))).isTrue();
  }

  @Test
  void forgetsExpiredNoncesOnly() {
    String expired = aNonce();
    String live = aNonce();
    nonces().issue(expired, T0.minusSeconds(1));
    nonces().issue(live, T0.plusSeconds(60));
    assertThat(nonces().forgetExpired(T0)).isGreaterThanOrEqualTo(1);
    assertThat(nonces().use(expired, T0.minusSeconds(2))).isFalse();
    assertThat(nonces().use(live, T0)).isTrue();
  }

  @Test
  void oneWinnerAmongConcurrentUses() throws Exception {
    String nonce = aNonce();
    nonces().issue(nonce, T0.plusSeconds(300));
    List<Callable<Boolean>> attempts = new ArrayList<>();
    for (int i = 0; i < 64; i++) attempts.add(() -> nonces().use(nonce, T0));
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      long winners = 0;
      for (Future<Boolean> f : pool.invokeAll(attempts)) if (f.get()) winners++;
      assertThat(winners).isEqualTo(1);
    }
  }
}
