package io.signet.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.SignatureVerifier;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;
import io.signet.domain.tenant.TenantId;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The raw-primitive side of {@code scripts/bench}, run on the core set the service had: ML-DSA-65
 * sign and verify straight through the JDK's own provider and through BouncyCastle (hedged, as the
 * service signs), then, in-process through the production custody and verifier (SoftHSM2 token, the
 * service's database), composite sign and Dilithium3 sign/verify of the keys the bench created
 * through the API for tenant {@code bench.tenant}. Prints one {@code RAW <name> <ops/s>} line per
 * figure; the script turns them into the README table and the HTTP rows' ratios.
 *
 * <p>Properties: {@code bench.threads} (the service's core count), {@code bench.warmup} and {@code
 * bench.seconds} per figure, {@code bench.tenant} (skip the custody figures when absent).
 */
public final class Benchmark {
  private static final int THREADS = Integer.getInteger("bench.threads", 1);
  private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 10));
  private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 10));
  private static final byte[] MESSAGE = new byte[256];

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Arrays.fill(MESSAGE, (byte) 'x');
    Provider jdk = KeyPairGenerator.getInstance("ML-DSA-65").getProvider();
    if (jdk instanceof BouncyCastleProvider) throw new IllegalStateException("no JDK ML-DSA");
    primitive("jdk", jdk);
    primitive("bc", new BouncyCastleProvider());
    String tenant = System.getProperty("bench.tenant");
    if (tenant != null) custody(new TenantId(UUID.fromString(tenant)));
  }

  /** ML-DSA-65 sign (hedged) and verify through {@code provider}, one object per thread. */
  private static void primitive(String name, Provider provider) throws Exception {
    KeyPair pair = KeyPairGenerator.getInstance("ML-DSA-65", provider).generateKeyPair();
    Signature signer = Signature.getInstance("ML-DSA-65", provider);
    signer.initSign(pair.getPrivate(), new SecureRandom());
    signer.update(MESSAGE);
    byte[] signature = signer.sign();
    report(
        name + "-mldsa65-sign",
        () -> {
          Signature s = Signature.getInstance("ML-DSA-65", provider);
          s.initSign(pair.getPrivate(), new SecureRandom());
          return () -> {
            s.update(MESSAGE);
            return s.sign();
          };
        });
    report(
        name + "-mldsa65-verify",
        () -> {
          Signature v = Signature.getInstance("ML-DSA-65", provider);
          v.initVerify(pair.getPublic());
          return () -> {
            v.update(MESSAGE);
            if (!v.verify(signature)) throw new IllegalStateException("raw verify failed");
            return null;
          };
        });
  }

  /**
   * Composite sign and Dilithium3 sign/verify through the production custody and verifier, on the
   * service's embedded database and token (the service has stopped; this process starts its context
   * without the HTTP server).
   */
  private static void custody(TenantId owner) throws Exception {
    Map<String, Object> properties = new HashMap<>();
    var embedded = EmbeddedDatabase.startIfRequested();
    embedded.ifPresent(db -> properties.putAll(db.properties()));
    properties.put("signet.lifecycle.enabled", false);
    try (ApplicationContext context =
        ApplicationContext.builder().mainClass(Application.class).properties(properties).start()) {
      KeyCustody custody = context.getBean(KeyCustody.class);
      SignatureVerifier verifier = context.getBean(SignatureVerifier.class);
      KeyVersions versions = context.getBean(KeyVersions.class);
      SigningInput input = new SigningInput.Message(Bytes.of(MESSAGE), Bytes.of(new byte[0]));
      KeyVersion composite =
          versions.find(new KeyName(owner, Algorithm.COMPOSITE_ML_DSA, 1)).orElseThrow();
      KeyVersion dilithium =
          versions.find(new KeyName(owner, Algorithm.DILITHIUM3, 1)).orElseThrow();
      Bytes signature = custody.sign(dilithium, input);
      report("custody-composite-sign", () -> () -> custody.sign(composite, input));
      report("custody-dilithium3-sign", () -> () -> custody.sign(dilithium, input));
      report(
          "custody-dilithium3-verify",
          () ->
              () -> {
                if (!verifier.verify(dilithium, input, signature))
                  throw new IllegalStateException("custody verify failed");
                return null;
              });
    } finally {
      embedded.ifPresent(EmbeddedDatabase::close);
    }
  }

  /** Warms up, measures and prints {@code RAW name ops/s}. */
  private static void report(String name, Callable<Callable<?>> perThread) throws Exception {
    run(perThread, WARMUP);
    long begin = System.nanoTime();
    long count = run(perThread, MEASURE);
    double rate = count / ((System.nanoTime() - begin) / 1e9);
    System.out.println(String.format(Locale.ROOT, "RAW %s %.0f", name, rate));
  }

  /** Runs one operation per thread ({@code perThread} makes each its own) for {@code duration}. */
  private static long run(Callable<Callable<?>> perThread, Duration duration) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder done = new LongAdder();
    CountDownLatch finished = new CountDownLatch(THREADS);
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < THREADS; t++) {
      Callable<?> operation = perThread.call();
      Thread.ofPlatform()
          .start(
              () -> {
                try {
                  while (!stop.get()) {
                    operation.call();
                    done.increment();
                  }
                } catch (Throwable e) {
                  failures.add(e);
                } finally {
                  finished.countDown();
                }
              });
    }
    Thread.sleep(duration.toMillis());
    stop.set(true);
    finished.await();
    if (!failures.isEmpty())
      throw new IllegalStateException("benchmark operation failed", failures.getFirst());
    return done.sum();
  }
}
