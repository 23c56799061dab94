package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import io.signet.domain.signing.SigningInput;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Arrays;

/**
 * A short single-thread measurement (about 40 s) of what the JDK's ML-DSA-65 brings on Signet's hot
 * paths, in process and without a token: signing with a cached key and verifying from the stored
 * public key, through the JDK path Signet takes now and through BouncyCastle as it did before, plus
 * the one-off decode of a sealed key on a cache miss. Indicative only (best on an idle machine):
 *
 * <pre>
 * ./mvnw -q -B test-compile dependency:build-classpath -pl adapters-pkcs11 -am \
 *   -Dmdep.outputFile=/tmp/signet-cp -Dmdep.includeScope=test
 * java -cp adapters-pkcs11/target/test-classes:adapters-pkcs11/target/classes:$(cat /tmp/signet-cp) \
 *   io.signet.adapter.pkcs11.MlDsaSpeed
 * </pre>
 */
public final class MlDsaSpeed {
  private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("speed.warmup", 2));
  private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("speed.seconds", 5));

  private MlDsaSpeed() {}

  @FunctionalInterface
  private interface Operation {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] message = new byte[256];
    Arrays.fill(message, (byte) 'x');
    SigningInput pure = new SigningInput.Message(Bytes.of(message), Bytes.of(new byte[0]));
    KeyPair pair = MlDsa65Scheme.generateKeyPair();
    Bytes spki = Bytes.of(pair.getPublic().getEncoded());
    UnsealedMlDsaKey key = MlDsaFixtures.unsealed(pair);
    Bytes signature = MlDsa65Scheme.sign(key, spki, pure, random);
    MlDsa65Scheme scheme = new MlDsa65Scheme();
    KeyPair earlier =
        KeyPairGenerator.getInstance("ML-DSA-65", BouncyCastle.provider()).generateKeyPair();
    byte[] earlierFormat = earlier.getPrivate().getEncoded();
    Bytes earlierSpki = Bytes.of(earlier.getPublic().getEncoded());

    System.out.printf(
        "ML-DSA-65, one thread, 256-byte message, %s warm-up + %s per implementation and row,"
            + " measured in alternating 1 s slices so that both see the same load (%s)%n",
        WARMUP, MEASURE, Runtime.version());
    compare(
        "sign with the cached key",
        () -> MlDsa65Scheme.sign(key, spki, pure, random),
        () -> MlDsa65Scheme.signWithBouncyCastle(key.bouncyCastle(), spki, pure, random));
    compare(
        "verify from the stored public key",
        () -> scheme.verify(spki, pure, signature),
        () ->
            MlDsa65Scheme.verifyWithBouncyCastle(
                KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
                    .generatePublic(new X509EncodedKeySpec(spki.toArray())),
                spki,
                pure,
                signature));
    Operation decode = () -> UnsealedMlDsaKey.decode(earlierFormat.clone(), earlierSpki);
    run(decode, WARMUP);
    long started = System.nanoTime();
    long decoded = run(decode, MEASURE);
    System.out.printf(
        "%-40s %8.0f/s%n",
        "cache miss: decode an earlier-format key for both",
        decoded / ((System.nanoTime() - started) / 1e9));
  }

  /** Throughput of {@code jdk} (now) and {@code bouncyCastle} (before), in alternating slices. */
  private static void compare(String what, Operation jdk, Operation bouncyCastle) throws Exception {
    run(jdk, WARMUP);
    run(bouncyCastle, WARMUP);
    long[] counts = new long[2];
    long[] nanos = new long[2];
    Operation[] operations = {jdk, bouncyCastle};
    for (long slice = 0; slice < MEASURE.toSeconds(); slice++) {
      for (int i = 0; i < 2; i++) {
        long started = System.nanoTime();
        counts[i] += run(operations[i], Duration.ofSeconds(1));
        nanos[i] += System.nanoTime() - started;
      }
    }
    double jdkRate = counts[0] / (nanos[0] / 1e9);
    double bcRate = counts[1] / (nanos[1] / 1e9);
    System.out.printf(
        "%-40s JDK (now) %6.0f/s   BouncyCastle (before) %6.0f/s   ratio %.2f%n",
        what, jdkRate, bcRate, jdkRate / bcRate);
  }

  private static long run(Operation operation, Duration duration) throws Exception {
    long end = System.nanoTime() + duration.toNanos();
    long count = 0;
    while (System.nanoTime() < end) {
      operation.run();
      count++;
    }
    return count;
  }
}
