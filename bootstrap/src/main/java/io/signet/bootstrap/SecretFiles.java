package io.signet.bootstrap;

import io.signet.application.StartupFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Secrets given as mounted files (container secrets) rather than environment variables: {@code
 * SIGNET_ADMIN_TOKEN_FILE} becomes {@code signet.admin.token}, {@code
 * DATASOURCES_DEFAULT_PASSWORD_FILE} becomes {@code datasources.default.password}. The file's
 * content is read once, trailing whitespace dropped; it is never logged. The PIN file ({@code
 * SIGNET_PKCS11_PIN_FILE}) is read by the PKCS#11 adapter itself.
 */
final class SecretFiles {
  private SecretFiles() {}

  private static final Map<String, String> FILES =
      Map.of(
          "SIGNET_ADMIN_TOKEN_FILE", "signet.admin.token",
          "DATASOURCES_DEFAULT_PASSWORD_FILE", "datasources.default.password");

  static Map<String, Object> properties(Map<String, String> environment) {
    Map<String, Object> properties = new HashMap<>();
    FILES.forEach(
        (variable, property) -> {
          String file = environment.get(variable);
          if (file != null && !file.isBlank()) {
            properties.put(property, read(Path.of(file), variable));
          }
        });
    return Map.copyOf(properties);
  }

  private static String read(Path file, String variable) {
    try {
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new StartupFailure("the file " + file + " is empty (" + variable + ")");
      }
      return secret;
    } catch (IOException e) {
      throw new StartupFailure("cannot read the file " + file + " (" + variable + ")", e);
    }
  }
}
