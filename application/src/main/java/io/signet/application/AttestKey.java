package io.signet.application;

import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.ServiceKeyCustody;
import io.signet.application.port.ServiceKeys;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyPurpose;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The claims of an attestation report (DESIGN §5.3) for a receipt service key or a tenant's key
 * version: the key, the token objects behind it with their attributes as the token reports them at
 * this moment, the token's identity, this service build and instance, the caller's nonce and the
 * time. Signing the claims into a JWS is the caller's (the REST adapter's) business.
 *
 * <p>{@code report_data} (service keys only) is {@code hex(address ‖ zeros ‖ nonce)}: the address
 * bytes right-padded with zeros to 32 bytes, then the 32 nonce bytes. Padding never truncates: the
 * 33-byte compressed P-256 address of {@code ecdsa-p256} is kept whole (65 bytes of report data).
 */
public final class AttestKey {
  private static final Pattern NONCE = Pattern.compile("[0-9a-fA-F]{64}");
  private static final HexFormat HEX = HexFormat.of();

  private final ServiceKeys serviceKeys;
  private final ServiceKeyCustody serviceCustody;
  private final KeyVersions versions;
  private final KeyCustody custody;
  private final Clock clock;
  private final ServiceInstance instance;

  public AttestKey(
      ServiceKeys serviceKeys,
      ServiceKeyCustody serviceCustody,
      KeyVersions versions,
      KeyCustody custody,
      Clock clock,
      ServiceInstance instance) {
    this.serviceKeys = serviceKeys;
    this.serviceCustody = serviceCustody;
    this.versions = versions;
    this.custody = custody;
    this.clock = clock;
    this.instance = instance;
  }

  /**
   * The claims for the current receipt key of {@code algorithm}, or for its version whose address
   * is {@code signingAddress} (case-insensitive) when given; NotFound when there is none.
   */
  public Map<String, Object> serviceKey(
      String nonce, String signingAddress, ServiceAlgorithm algorithm) {
    byte[] nonceBytes = nonce(nonce);
    ServiceKeyPurpose.RECEIPTS.require(algorithm);
    ServiceKey key =
        (signingAddress == null
                ? serviceKeys.current(ServiceKeyPurpose.RECEIPTS, algorithm)
                : serviceKeys.all().stream()
                    .filter(k -> k.name().purpose() == ServiceKeyPurpose.RECEIPTS)
                    .filter(k -> k.name().algorithm() == algorithm)
                    .filter(k -> k.address().equalsIgnoreCase(signingAddress))
                    .findFirst())
            .orElseThrow(() -> new SignetException.NotFound("no such service key"));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("nonce", HEX.formatHex(nonceBytes));
    claims.put("report_data", HEX.formatHex(reportData(key.address(), nonceBytes)));
    claims.put("signing_address", key.address());
    claims.put("signing_algo", algorithm.wireName());
    claims.put("key_version", key.name().version());
    claims.put("status", key.status().wireName());
    claims.put("public_key", base64(key.publicKey()));
    claims.put("protection", key.protection().wireName());
    claims.put("objects", objects(serviceCustody.objects(key)));
    return finish(claims);
  }

  /**
   * The claims for one of {@code tenant}'s key versions; NotFound when it has no such version, or
   * only an archived one (DESIGN §2: an archived version answers nothing but 404).
   */
  public Map<String, Object> tenantKey(
      TenantId tenant, Algorithm algorithm, int version, String nonce) {
    byte[] nonceBytes = nonce(nonce);
    KeyName name = new KeyName(tenant, algorithm, version);
    KeyVersion key = KeyVersion.visible(name, versions.find(name));
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("nonce", HEX.formatHex(nonceBytes));
    claims.put("algorithm", algorithm.wireName());
    claims.put("key_version", version);
    claims.put("status", key.status().wireName());
    claims.put("public_key", base64(key.publicKey()));
    claims.put("protection", key.protection().wireName());
    claims.put("objects", objects(custody.objects(key)));
    return finish(claims);
  }

  /**
   * {@code address ‖ zeros ‖ nonce}: the address bytes right-padded with zeros to 32 bytes (an
   * address of 32 bytes or more is kept whole), then the nonce.
   */
  public static byte[] reportData(String address, byte[] nonce) {
    byte[] addressBytes = HEX.parseHex(address.substring(2));
    byte[] data = new byte[Math.max(32, addressBytes.length) + nonce.length];
    System.arraycopy(addressBytes, 0, data, 0, addressBytes.length);
    System.arraycopy(nonce, 0, data, data.length - nonce.length, nonce.length);
    return data;
  }

  /** 32 bytes given as 64 hex characters; anything else is ERR_INVALID_001. */
  public static byte[] nonce(String nonce) {
    if (nonce == null || !NONCE.matcher(nonce).matches()) {
      throw new SignetException.InvalidRequest(
          SignetException.InvalidRequest.Reason.MALFORMED_BODY,
          "nonce must be 64 hexadecimal characters (32 bytes)");
    }
    return HEX.parseHex(nonce.toLowerCase(Locale.ROOT));
  }

  private Map<String, Object> finish(Map<String, Object> claims) {
    claims.put("token", serviceCustody.tokenIdentity());
    Map<String, Object> service = new LinkedHashMap<>();
    service.put("version", instance.version());
    service.put("commit", instance.commit());
    service.put("instance_id", instance.id());
    claims.put("service", service);
    claims.put("iat", clock.instant().getEpochSecond());
    return claims;
  }

  private static List<Map<String, Object>> objects(List<ServiceKeyCustody.TokenObject> objects) {
    return objects.stream()
        .map(
            o -> {
              Map<String, Object> object = new LinkedHashMap<>();
              object.put("label", o.label());
              object.put("attributes", o.attributes());
              return object;
            })
        .toList();
  }

  private static String base64(Bytes bytes) {
    return Base64.getEncoder().encodeToString(bytes.toArray());
  }
}
