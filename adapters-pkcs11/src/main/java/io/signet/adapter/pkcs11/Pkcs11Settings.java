package io.signet.adapter.pkcs11;

import io.micronaut.context.annotation.ConfigurationInject;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.signet.application.StartupFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the HSM is: the PKCS#11 library (set at deployment), the token by its label (never a slot
 * number, which moves on some HSMs), and the user PIN from the environment or a file. The PIN never
 * comes from the API and is never printed: {@link #toString()} redacts it.
 *
 * <p>Environment: {@code SIGNET_PKCS11_LIBRARY}, {@code SIGNET_PKCS11_TOKEN_LABEL}, {@code
 * SIGNET_PKCS11_PIN} or {@code SIGNET_PKCS11_PIN_FILE}.
 */
@ConfigurationProperties("signet.pkcs11")
public final class Pkcs11Settings {
  private final String library;
  private final String tokenLabel;
  private final String pin;
  private final String pinFile;

  @ConfigurationInject
  public Pkcs11Settings(
      @Nullable String library,
      @Nullable String tokenLabel,
      @Nullable String pin,
      @Nullable String pinFile) {
    this.library = library;
    this.tokenLabel = tokenLabel;
    this.pin = pin;
    this.pinFile = pinFile;
  }

  /** The library path, checked to exist. */
  Path library() {
    if (library == null || library.isBlank()) {
      throw new StartupFailure("no PKCS#11 library configured: set SIGNET_PKCS11_LIBRARY");
    }
    Path path = Path.of(library);
    if (!Files.isReadable(path)) {
      throw new StartupFailure(
          "PKCS#11 library " + path + " does not exist or is not readable (SIGNET_PKCS11_LIBRARY)");
    }
    return path;
  }

  String tokenLabel() {
    if (tokenLabel == null || tokenLabel.isBlank()) {
      throw new StartupFailure("no token label configured: set SIGNET_PKCS11_TOKEN_LABEL");
    }
    return tokenLabel;
  }

  /** A fresh copy of the PIN; the caller clears it after use. */
  char[] pin() {
    if (pin != null && !pin.isEmpty()) return pin.toCharArray();
    if (pinFile != null && !pinFile.isBlank()) {
      try {
        String content = Files.readString(Path.of(pinFile), StandardCharsets.UTF_8).strip();
        if (content.isEmpty()) {
          throw new StartupFailure(
              "the PIN file " + pinFile + " is empty (SIGNET_PKCS11_PIN_FILE)");
        }
        return content.toCharArray();
      } catch (IOException e) {
        throw new StartupFailure(
            "cannot read the PIN file " + pinFile + " (SIGNET_PKCS11_PIN_FILE)", e);
      }
    }
    throw new StartupFailure(
        "no token PIN configured: set SIGNET_PKCS11_PIN or SIGNET_PKCS11_PIN_FILE");
  }

  @Override
  public String toString() {
    return "Pkcs11Settings[library=" + library + ", tokenLabel=" + tokenLabel + ", pin=<redacted>]";
  }
}
