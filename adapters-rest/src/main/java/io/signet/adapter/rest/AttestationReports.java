package io.signet.adapter.rest;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.micronaut.serde.annotation.Serdeable;
import io.signet.application.ListServiceKeys;
import io.signet.application.SignWithServiceKey;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyPurpose;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;

/**
 * Signs a report's claims into a compact ES256 JWS (DESIGN §5.3) with the current {@code
 * attestation} service key in the HSM: header {@code {"alg":"ES256","typ":"JWT","kid":…}}, the
 * claims as the payload, and the raw r‖s signature {@link SignWithServiceKey} returns (exactly the
 * JWS ES256 form). {@code claims} in the answer is the payload decoded again, so it is byte for
 * byte what was signed.
 */
@Singleton
final class AttestationReports {
  private final ListServiceKeys keys;
  private final SignWithServiceKey sign;

  AttestationReports(ListServiceKeys keys, SignWithServiceKey sign) {
    this.keys = keys;
    this.sign = sign;
  }

  Report report(Map<String, Object> claims) {
    // The kid goes into the signed header, so it is read first; a rotation between the read and
    // the signature is detected and the report made again with the new key.
    for (int attempt = 0; attempt < 2; attempt++) {
      String kid = currentKid();
      JWSHeader header =
          new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(kid).build();
      Payload payload = new Payload(JSONObjectUtils.toJSONString(claims));
      String signingInput =
          header.toBase64URL() + "." + Base64URL.encode(payload.toBytes()).toString();
      var signature =
          sign.sign(
              ServiceKeyPurpose.ATTESTATION,
              ServiceAlgorithm.ES256,
              Bytes.of(signingInput.getBytes(StandardCharsets.US_ASCII)));
      if (!signature.key().name().kid().equals(kid)) continue;
      String jws = signingInput + "." + Base64URL.encode(signature.signature().toArray());
      try {
        return new Report(jws, JWSObject.parse(jws).getPayload().toJSONObject());
      } catch (ParseException e) {
        throw new IllegalStateException("a report that does not parse", e);
      }
    }
    throw new SignetException.Unavailable("the attestation key is being rotated", null);
  }

  private String currentKid() {
    return keys.of(ServiceKeyPurpose.ATTESTATION).stream()
        .filter(k -> k.status() == ServiceKey.Status.CURRENT)
        .findFirst()
        .orElseThrow(() -> new SignetException.Unavailable("no current attestation key", null))
        .name()
        .kid();
  }

  /** {@code {"report": "<compact JWS>", "claims": {…}}}. */
  @Serdeable
  record Report(String report, Map<String, Object> claims) {}
}
