package io.signet.adapter.pkcs11;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A fresh SoftHSM2 token for this test run (one per test JVM, created before the library is first
 * loaded, since SoftHSM reads its token directory at C_Initialize). It lives under the directory of
 * {@code SOFTHSM2_CONF}, which the build sets to the module's {@code target/softhsm}. There is no
 * fallback: a missing SoftHSM2 fails the test with the reason.
 */
public final class SoftHsmTestToken {
  public static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
  private static SoftHsmTestToken token;

  private final String label;
  private final String pin;

  private SoftHsmTestToken(String label, String pin) {
    this.label = label;
    this.pin = pin;
  }

  public static synchronized SoftHsmTestToken get() {
    if (token == null) token = create();
    return token;
  }

  /**
   * A new token of its own, for a test that needs a token no deployment has claimed yet. Only a
   * process started after this call sees it (SoftHSM reads its tokens when the library is loaded).
   */
  public static synchronized SoftHsmTestToken fresh() {
    get();
    return create();
  }

  public String label() {
    return label;
  }

  public String pin() {
    return pin;
  }

  /** Micronaut properties selecting this token. */
  public Map<String, Object> properties() {
    return Map.of(
        "signet.pkcs11.library", LIBRARY,
        "signet.pkcs11.token-label", label,
        "signet.pkcs11.pin", pin);
  }

  private static SoftHsmTestToken create() {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null || conf.isBlank()) {
      throw new IllegalStateException(
          "SOFTHSM2_CONF is not set: run the tests through Maven (scripts/test), which sets it");
    }
    if (!Files.isReadable(Path.of(LIBRARY))) {
      throw new IllegalStateException(
          "SoftHSM2 is not installed ("
              + LIBRARY
              + " missing): apt-get install softhsm2, or run scripts/test");
    }
    byte[] random = new byte[8];
    new java.security.SecureRandom().nextBytes(random);
    String suffix = HexFormat.of().formatHex(random);
    String label = "signet-test-" + suffix.substring(0, 8);
    String pin = "pin-" + suffix;
    initialize(Path.of(conf), label, pin);
    return new SoftHsmTestToken(label, pin);
  }

  /**
   * Writes a SoftHSM2 configuration at {@code conf} whose tokens live in {@code tokens} beside it,
   * and initializes a token {@code label} with user PIN {@code pin} there: the one token set-up of
   * the tests, for this module's token and for tests that give a process a token of its own.
   */
  public static void initialize(Path conf, String label, String pin) {
    try {
      Path tokens = conf.resolveSibling("tokens");
      Files.createDirectories(tokens);
      Files.writeString(
          conf,
          "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
      ProcessBuilder builder =
          new ProcessBuilder(
                  "softhsm2-util",
                  "--init-token",
                  "--free",
                  "--label",
                  label,
                  "--pin",
                  pin,
                  "--so-pin",
                  "so-" + pin)
              .redirectErrorStream(true);
      builder.environment().put("SOFTHSM2_CONF", conf.toString());
      Process init = builder.start();
      String output =
          new String(init.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!init.waitFor(30, TimeUnit.SECONDS) || init.exitValue() != 0) {
        throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot create the SoftHSM2 test token: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
