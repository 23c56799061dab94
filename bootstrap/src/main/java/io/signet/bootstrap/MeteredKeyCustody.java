package io.signet.bootstrap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.signet.application.port.KeyCustody;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@link KeyCustody} with every HSM call timed ({@code signet.hsm.calls}, by operation and outcome)
 * and every signature counted ({@code signet.signatures}, by algorithm and operation). A decorator
 * at the port, so the PKCS#11 adapter stays unaware of metrics.
 */
final class MeteredKeyCustody implements KeyCustody {
  private final KeyCustody custody;

  MeteredKeyCustody(KeyCustody custody) {
    this.custody = custody;
  }

  @Override
  public GeneratedKey generate(KeyName name) {
    return timed("generate", () -> custody.generate(name));
  }

  @Override
  public Bytes sign(KeyVersion key, SigningInput input) {
    Bytes signature = timed("sign", () -> custody.sign(key, input));
    countSignature(key, input instanceof SigningInput.Digest ? "sign-hash" : "sign", "signed");
    return signature;
  }

  /** One signature made or verified, in {@code signet.signatures}. */
  static void countSignature(KeyVersion key, String operation, String result) {
    Counter.builder("signet.signatures")
        .description("signatures made and verified by algorithm, operation and result")
        .tag("algorithm", key.name().algorithm().wireName())
        .tag("operation", operation)
        .tag("result", result)
        .register(Metrics.globalRegistry)
        .increment();
  }

  @Override
  public void destroy(KeyName name) {
    timed(
        "destroy",
        () -> {
          custody.destroy(name);
          return null;
        });
  }

  @Override
  public List<KeyName> heldKeys() {
    return timed("held-keys", custody::heldKeys);
  }

  @Override
  public List<io.signet.application.port.ServiceKeyCustody.TokenObject> objects(KeyVersion key) {
    return timed("objects", () -> custody.objects(key));
  }

  static <T> T timed(String operation, Supplier<T> call) {
    long started = System.nanoTime();
    String outcome = "error";
    try {
      T result = call.get();
      outcome = "ok";
      return result;
    } finally {
      Timer.builder("signet.hsm.calls")
          .description("calls into key custody (the HSM) by operation and outcome")
          .tag("operation", operation)
          .tag("outcome", outcome)
          .publishPercentileHistogram()
          .register(Metrics.globalRegistry)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }
  }
}
