package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.MapAssert;

/**
 * What every private or secret key object Signet keeps in custody must show (DESIGN §8): made on
 * the token, sensitive from birth, never extractable. The one spelling of it for the contracts, the
 * PKCS#11 integration tests and the end-to-end tests.
 */
public final class KeyObjectAssertions {
  private KeyObjectAssertions() {}

  /**
   * Asserts that the key object's {@code attributes} (as the token reports them: {@code CKA_…} to
   * value) say sensitive, always sensitive, not extractable, never extractable and local; chain
   * what the object's role adds (CKA_SIGN, CKA_DECRYPT, …).
   */
  public static MapAssert<String, Object> assertKeptInTheToken(
      String description, Map<String, ?> attributes) {
    return assertThat(new LinkedHashMap<String, Object>(attributes))
        .as(description)
        .containsEntry("CKA_SENSITIVE", true)
        .containsEntry("CKA_ALWAYS_SENSITIVE", true)
        .containsEntry("CKA_EXTRACTABLE", false)
        .containsEntry("CKA_NEVER_EXTRACTABLE", true)
        .containsEntry("CKA_LOCAL", true);
  }
}
