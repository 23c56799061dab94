package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.StartupFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
  @TempDir Path dir;

  @Test
  void readsTheAdminTokenFromItsFile() throws Exception {
    Path file =
        Files.writeString(dir.resolve("admin-token"), "s3cret-admin-token-0123456789abcdef\n");
    assertThat(SecretFiles.properties(Map.of("SIGNET_ADMIN_TOKEN_FILE", file.toString())))
        .containsEntry("signet.admin.token", "s3cret-admin-token-0123456789abcdef");
  }

  @Test
  void addsNothingWithoutTheVariable() {
    assertThat(SecretFiles.properties(Map.of())).isEmpty();
  }

  @Test
  void refusesAMissingOrEmptyFileWithoutShowingItsContent() throws Exception {
    assertThatThrownBy(
            () ->
                SecretFiles.properties(
                    Map.of("SIGNET_ADMIN_TOKEN_FILE", dir.resolve("absent").toString())))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("SIGNET_ADMIN_TOKEN_FILE");
    Path empty = Files.writeString(dir.resolve("empty"), " \n");
    assertThatThrownBy(
            () -> SecretFiles.properties(Map.of("SIGNET_ADMIN_TOKEN_FILE", empty.toString())))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("is empty");
  }
}
