package io.signet.adapter.pkcs11;

import io.signet.domain.SignetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a key object Signet creates or loads must look like on the token, checked against the
 * attributes as the token reports them: a token object, private, sensitive since creation, never
 * extractable, generated on the token (CKA_LOCAL), and usable for exactly its job. A weaker object
 * (say, one an operator imported, or one made extractable) is refused with a clear error naming the
 * attribute, and never used.
 */
enum KeyObjectPolicy {
  /** A private signing key: sign only. */
  SIGNING(Map.of("CKA_SIGN", true, "CKA_DECRYPT", false, "CKA_UNWRAP", false, "CKA_DERIVE", false)),
  /** A key-encryption key (AES): encrypt and decrypt only. */
  KEY_ENCRYPTION(
      Map.of(
          "CKA_ENCRYPT", true,
          "CKA_DECRYPT", true,
          "CKA_WRAP", false,
          "CKA_UNWRAP", false,
          "CKA_SIGN", false,
          "CKA_DERIVE", false));

  @SuppressWarnings("ImmutableEnumChecker") // Map.copyOf: immutable, which the checker cannot see
  private final Map<String, Boolean> required;

  KeyObjectPolicy(Map<String, Boolean> usage) {
    // enum constants are built before static fields, hence a method rather than a constant
    Map<String, Boolean> all = new LinkedHashMap<>(protection());
    all.putAll(usage);
    this.required = Map.copyOf(all);
  }

  /**
   * Throws {@link SignetException.Unavailable} (the key cannot be used) unless {@code attributes}
   * meet this policy. A missing attribute counts as not met.
   */
  void require(String label, Map<String, Boolean> attributes) {
    List<String> wrong = violations(attributes);
    if (!wrong.isEmpty()) {
      throw new SignetException.Unavailable(
          "refusing the key object '"
              + label
              + "' on the token: it is weaker than Signet requires ("
              + String.join(", ", wrong)
              + ")",
          null);
    }
  }

  /** The attributes that do not have the required value, as {@code CKA_X=actual (want v)}. */
  List<String> violations(Map<String, Boolean> attributes) {
    List<String> wrong = new ArrayList<>();
    required.forEach(
        (attribute, want) -> {
          Boolean actual = attributes.get(attribute);
          if (!want.equals(actual)) wrong.add(attribute + "=" + actual + " (want " + want + ")");
        });
    wrong.sort(String::compareTo);
    return wrong;
  }

  private static Map<String, Boolean> protection() {
    return Map.of(
        "CKA_TOKEN", true,
        "CKA_PRIVATE", true,
        "CKA_SENSITIVE", true,
        "CKA_ALWAYS_SENSITIVE", true,
        "CKA_EXTRACTABLE", false,
        "CKA_NEVER_EXTRACTABLE", true,
        "CKA_LOCAL", true);
  }
}
