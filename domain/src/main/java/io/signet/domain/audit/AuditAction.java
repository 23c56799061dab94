package io.signet.domain.audit;

/** What an audit entry records. The wire names are stable: they are stored and queried. */
public enum AuditAction {
  TENANT_CREATED("tenant.created"),
  API_KEY_ISSUED("api_key.issued"),
  API_KEY_REVOKED("api_key.revoked"),
  KEY_GENERATED("key.generated"),
  KEY_ROTATED("key.rotated"),
  KEY_RETIRED("key.retired"),
  KEY_ARCHIVED("key.archived"),
  KEY_POLICY_SET("key_policy.set"),
  KEY_ORPHAN_DESTROYED("key.orphan_destroyed"),
  SERVICE_KEY_GENERATED("service_key.generated"),
  SERVICE_KEY_ROTATED("service_key.rotated"),
  WALLET_LOGIN("wallet.login");

  private final String wireName;

  AuditAction(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static AuditAction fromWireName(String name) {
    for (AuditAction a : values()) {
      if (a.wireName.equals(name)) return a;
    }
    throw new IllegalArgumentException("unknown audit action " + name);
  }
}
