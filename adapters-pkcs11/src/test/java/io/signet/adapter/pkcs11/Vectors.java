package io.signet.adapter.pkcs11;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Wycheproof vectors, read where the workplace keeps them ({@code ../shared/vectors/wycheproof}
 * beside the repository), never copied into it. A missing file fails the test.
 */
final class Vectors {
  private Vectors() {}

  static JsonNode wycheproof(String file) throws IOException {
    Path dir = Path.of(System.getProperty("signet.vectors", "../../shared/vectors/wycheproof"));
    Path path = dir.resolve(file);
    if (!Files.isReadable(path)) {
      throw new IllegalStateException(
          "Wycheproof vectors missing: "
              + path.toAbsolutePath()
              + " (../shared must sit beside the repository)");
    }
    return new ObjectMapper().readTree(path.toFile());
  }
}
