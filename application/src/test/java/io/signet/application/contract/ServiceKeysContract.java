package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.ServiceKeys;
import io.signet.domain.Bytes;
import io.signet.domain.key.Protection;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.service.ServiceKeyPurpose;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What every {@link ServiceKeys} must do: claims won once, one current version, completions. */
public abstract class ServiceKeysContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");
  private static final ServiceKeyName V1 =
      new ServiceKeyName(ServiceKeyPurpose.JWT, ServiceAlgorithm.ES256, 1);

  /** An empty store. */
  protected abstract ServiceKeys keys();

  protected static ServiceKey key(ServiceKeyName name) {
    boolean wrapped = name.algorithm() == ServiceAlgorithm.ML_DSA;
    return new ServiceKey(
        name,
        ServiceKey.Status.CURRENT,
        Bytes.of(new byte[] {1, 2, (byte) name.version()}),
        "0x" + name.version(),
        wrapped ? Protection.HSM_WRAPPED : Protection.HSM,
        wrapped ? Bytes.of(new byte[] {9}) : null,
        T0);
  }

  @Test
  void grantsAClaimOnce() {
    assertThat(keys().claim(V1, "a", T0)).isTrue();
    assertThat(keys().claim(V1, "b", T0)).isFalse();
    assertThat(keys().pending(V1.purpose(), V1.algorithm()))
        .get()
        .extracting(ServiceKeys.Claim::claimant)
        .isEqualTo("a");
    assertThat(keys().latestVersion(V1.purpose(), V1.algorithm())).isEqualTo(1);
  }

  @Test
  void grantsExactlyOneOfManyConcurrentClaims() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> claims =
          java.util.stream.IntStream.range(0, 8)
              .<Callable<Boolean>>mapToObj(i -> () -> keys().claim(V1, "instance-" + i, T0))
              .toList();
      long won = 0;
      for (Future<Boolean> f : pool.invokeAll(claims)) if (f.get()) won++;
      assertThat(won).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void completesOnlyForTheClaimant() {
    keys().claim(V1, "a", T0);
    assertThat(keys().complete(key(V1), "b")).isFalse();
    assertThat(keys().current(V1.purpose(), V1.algorithm())).isEmpty();
    assertThat(keys().complete(key(V1), "a")).isTrue();
    assertThat(keys().current(V1.purpose(), V1.algorithm())).contains(key(V1));
    assertThat(keys().pending(V1.purpose(), V1.algorithm())).isEmpty();
    assertThat(keys().complete(key(V1), "a")).isFalse();
  }

  @Test
  void makesTheNewVersionCurrentAndKeepsThePreviousOne() {
    keys().claim(V1, "a", T0);
    keys().complete(key(V1), "a");
    ServiceKeyName v2 = V1.next();
    assertThat(keys().claim(v2, "a", T0)).isTrue();
    keys().complete(key(v2), "a");
    assertThat(keys().current(V1.purpose(), V1.algorithm())).contains(key(v2));
    assertThat(keys().find(V1))
        .get()
        .extracting(ServiceKey::status)
        .isEqualTo(ServiceKey.Status.PREVIOUS);
    assertThat(keys().all()).extracting(ServiceKey::name).containsExactly(v2, V1);
    assertThat(keys().latestVersion(V1.purpose(), V1.algorithm())).isEqualTo(2);
  }

  @Test
  void allowsOnePendingVersionPerPurposeAndAlgorithm() {
    keys().claim(V1, "a", T0);
    assertThat(keys().claim(V1.next(), "b", T0)).isFalse();
    ServiceKeyName other =
        new ServiceKeyName(ServiceKeyPurpose.ATTESTATION, ServiceAlgorithm.ES256, 1);
    assertThat(keys().claim(other, "b", T0)).isTrue();
  }

  @Test
  void letsAStaleClaimBeTakenOverOnly() {
    keys().claim(V1, "dead", T0);
    assertThat(keys().takeOver(V1, "b", T0, T0.plusSeconds(1))).isFalse();
    assertThat(keys().takeOver(V1, "b", T0.plus(Duration.ofMillis(1)), T0.plusSeconds(1))).isTrue();
    assertThat(keys().complete(key(V1), "dead")).isFalse();
    assertThat(keys().complete(key(V1), "b")).isTrue();
  }

  @Test
  void storesSealedKeysOfWrappedVersions() {
    ServiceKeyName ml = new ServiceKeyName(ServiceKeyPurpose.RECEIPTS, ServiceAlgorithm.ML_DSA, 1);
    keys().claim(ml, "a", T0);
    keys().complete(key(ml), "a");
    assertThat(keys().find(ml)).contains(key(ml));
    assertThat(keys().find(ml).orElseThrow().sealedPrivateKey())
        .isEqualTo(Bytes.of(new byte[] {9}));
  }
}
