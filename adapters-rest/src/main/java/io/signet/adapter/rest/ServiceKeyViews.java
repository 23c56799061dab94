package io.signet.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.domain.service.ServiceKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** The JSON shapes of service keys: the operator's list, the public list and the JWKS. */
final class ServiceKeyViews {
  private ServiceKeyViews() {}

  /** {@code GET /admin/v1/service-keys} item. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record AdminView(
      String purpose,
      String signingAlgo,
      int version,
      String status,
      String publicKey,
      String address,
      String protection,
      String createdAt) {
    static AdminView of(ServiceKey k) {
      return new AdminView(
          k.name().purpose().wireName(),
          k.name().algorithm().wireName(),
          k.name().version(),
          k.status().wireName(),
          k.publicKey().base64(),
          k.address(),
          k.protection().wireName(),
          Exchange.format(k.createdAt()));
    }
  }

  @Serdeable(naming = SnakeCaseStrategy.class)
  record AdminList(List<AdminView> keys) {}

  /** {@code GET /v1/signing-keys} item (DESIGN §5.1). */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record PublicView(
      String purpose,
      String signingAlgo,
      int version,
      String status,
      String signingAddress,
      String publicKey,
      String createdAt) {
    static PublicView of(ServiceKey k) {
      return new PublicView(
          k.name().purpose().wireName(),
          k.name().algorithm().wireName(),
          k.name().version(),
          k.status().wireName(),
          k.address(),
          k.publicKey().base64(),
          Exchange.format(k.createdAt()));
    }
  }

  @Serdeable
  record PublicList(List<PublicView> keys) {}

  /** An EC P-256 JWK (RFC 7517/7518) for verifying ES256 signatures. */
  @Serdeable
  record Jwk(String kty, String crv, String x, String y, String kid, String use, String alg) {
    static Jwk of(ServiceKey k) {
      try {
        ECPublicKey key =
            (ECPublicKey)
                KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(k.publicKey().toArray()));
        return new Jwk(
            "EC",
            "P-256",
            coordinate(key.getW().getAffineX()),
            coordinate(key.getW().getAffineY()),
            k.name().kid(),
            "sig",
            "ES256");
      } catch (GeneralSecurityException | ClassCastException e) {
        throw new IllegalStateException(k.name() + " is not a P-256 key", e);
      }
    }

    private static String coordinate(BigInteger value) {
      byte[] raw = value.toByteArray();
      byte[] fixed = new byte[32];
      int copy = Math.min(raw.length, 32);
      System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
    }
  }

  @Serdeable
  record JwkSet(List<Jwk> keys) {}
}
