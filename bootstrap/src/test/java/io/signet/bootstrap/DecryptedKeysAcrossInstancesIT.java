package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.pkcs11.DecryptedKeyCache;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A version retired on one instance leaves the decrypted-key cache of every instance within about a
 * second (the re-check; the cache's own expiry is minutes).
 */
class DecryptedKeysAcrossInstancesIT {

  @Test
  void aRotationOnOneInstanceDropsTheRetiredKeyFromTheOthersCache() throws Exception {
    try (SignetApp a = SignetApp.start();
        SignetApp b = SignetApp.start()) {
      String[] tenantAndKey = a.tenantWithKey("cache", "keys:manage", "sign");
      Map<String, String> manager =
          Map.of("X-API-Key", tenantAndKey[1], "Content-Type", "application/json");
      assertThat(a.http.send("POST", "/api/v1/kms/keys/generate", manager, "{}").status())
          .isEqualTo(201);
      KeyName v1 =
          new KeyName(new TenantId(UUID.fromString(tenantAndKey[0])), Algorithm.DILITHIUM3, 1);
      assertThat(a.sign(tenantAndKey[1], null, 1, "cached")).isEqualTo(200);
      assertThat(b.sign(tenantAndKey[1], null, 1, "cached")).isEqualTo(200);
      DecryptedKeyCache cacheOfA = a.bean(DecryptedKeyCache.class);
      DecryptedKeyCache cacheOfB = b.bean(DecryptedKeyCache.class);
      assertThat(cacheOfA.held()).contains(v1);
      assertThat(cacheOfB.held()).contains(v1);

      assertThat(a.http.send("POST", "/api/v1/kms/keys/rotate", manager, "{}").status())
          .isEqualTo(200);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while ((cacheOfA.held().contains(v1) || cacheOfB.held().contains(v1))
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertThat(cacheOfB.held()).as("instance b forgot the retired key").doesNotContain(v1);
      assertThat(cacheOfA.held()).as("and so did instance a").doesNotContain(v1);
      assertThat(b.sign(tenantAndKey[1], null, 2, "cached")).isEqualTo(200);
    }
  }
}
