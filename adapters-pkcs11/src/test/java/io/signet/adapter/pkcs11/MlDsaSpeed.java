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
 * A short single-thread measurement (about 45 s) of what the JDK's ML-DSA-65 brings on Signet's hot
 * paths, in process and without a token: signing with a cached key and verifying from the stored
 * public key, through the JDK path Signet takes now and through BouncyCastle as it did before, plus
 * the one-off decode of a sealed key on a cache miss. Indicative only; run it on an idle machine:
 *
 * <pre>
 * ./mvnw -q -B -o test-compile dependency:build-classpath -pl adapters-pkcs11 -am \
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
        "ML-DSA-65, one thread, 256-byte message, %s warm-up + %s per row (%s)%n",
        WARMUP, MEASURE, Runtime.version());
    double jdkSign = rate("sign, JDK (now)", () -> MlDsa65Scheme.sign(key, spki, pure, random));
    double bcSign =
        rate(
            "sign, BouncyCastle (before)",
            () -> MlDsa65Scheme.signWithBouncyCastle(key.bouncyCastle(), spki, pure, random));
    double jdkVerify =
        rate("verify from the stored SPKI, JDK (now)", () -> scheme.verify(spki, pure, signature));
    double bcVerify =
        rate(
            "verify from the stored SPKI, BouncyCastle (before)",
            () ->
                MlDsa65Scheme.verifyWithBouncyCastle(
                    KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
                        .generatePublic(new X509EncodedKeySpec(spki.toArray())),
                    spki,
                    pure,
                    signature));
    rate(
        "cache miss: decode a BouncyCastle-format sealed key for both",
        () -> UnsealedMlDsaKey.decode(earlierFormat.clone(), earlierSpki));
    System.out.printf(
        "JDK / BouncyCastle: sign %.2fx, verify %.2fx%n", jdkSign / bcSign, jdkVerify / bcVerify);
  }

  private static double rate(String what, Operation operation) throws Exception {
    run(operation, WARMUP);
    long started = System.nanoTime();
    long count = run(operation, MEASURE);
    double perSecond = count / ((System.nanoTime() - started) / 1e9);
    System.out.printf("%-60s %8.0f/s%n", what, perSecond);
    return perSecond;
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
