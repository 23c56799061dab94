package io.signet.adapter.pkcs11;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.signet.application.port.JwtKeys;
import io.signet.application.port.WalletTokens;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.LoginRefused.Refusal;
import io.signet.domain.wallet.EthereumAddress;
import io.signet.domain.wallet.WalletClaims;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;

/**
 * {@link WalletTokens} as compact ES256 JWTs with Nimbus JOSE+JWT. The signature is made in the HSM
 * by the current jwt service key through {@link JwtKeys}. Verification is pinned: the header may
 * hold {@code alg} (exactly ES256), {@code kid} (one of our jwt keys) and {@code typ} ({@code JWT})
 * and nothing else, so {@code none}, HMAC with a public key as secret, embedded or remote keys
 * ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}) and {@code crit} extensions never apply; the
 * signature is checked by Nimbus's ECDSA verifier (which refuses zero or out-of-range r and s);
 * every claim must be present with its type.
 */
@Singleton
public final class NimbusWalletTokens implements WalletTokens {
  /** Far above any token we issue (about 600 bytes); refused before parsing. */
  static final int MAX_TOKEN_CHARS = 4096;

  /** r‖s of P-256 (RFC 7518 §3.4). */
  private static final int ES256_SIGNATURE_BYTES = 64;

  private static final Set<String> HEADER_PARAMETERS = Set.of("alg", "kid", "typ");
  private static final Set<String> CLAIMS = Set.of("iss", "sub", "iat", "exp", "jti", "wallet");
  private final JwtKeys keys;

  NimbusWalletTokens(JwtKeys keys) {
    this.keys = keys;
  }

  @Override
  public String issue(WalletClaims claims) {
    Base64URL payload =
        new JWTClaimsSet.Builder()
            .issuer(claims.issuer())
            .subject(claims.subject())
            .issueTime(Date.from(claims.issuedAt()))
            .expirationTime(Date.from(claims.expiresAt()))
            .jwtID(claims.tokenId())
            .claim("wallet", claims.wallet())
            .build()
            .toPayload()
            .toBase64URL();
    Base64URL[] header = new Base64URL[1];
    JwtKeys.Signed signed =
        keys.sign(
            kid -> {
              header[0] =
                  new JWSHeader.Builder(JWSAlgorithm.ES256)
                      .type(JOSEObjectType.JWT)
                      .keyID(kid)
                      .build()
                      .toBase64URL();
              return (header[0] + "." + payload).getBytes(StandardCharsets.US_ASCII);
            });
    byte[] jose = signed.signature().toArray();
    if (jose.length != ES256_SIGNATURE_BYTES) {
      throw new IllegalStateException("the jwt key returned no ES256 signature");
    }
    return header[0] + "." + payload + "." + Base64URL.encode(jose);
  }

  @Override
  public WalletClaims verify(String token) {
    if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_CHARS) {
      throw invalid("the token is missing or too long");
    }
    try {
      SignedJWT jwt = SignedJWT.parse(token);
      JWSHeader header = jwt.getHeader();
      if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())
          || !HEADER_PARAMETERS.containsAll(header.getIncludedParams())
          || (header.getType() != null && !JOSEObjectType.JWT.equals(header.getType()))
          || header.getKeyID() == null) {
        throw invalid("the token's header is not one this service writes");
      }
      Bytes spki =
          keys.publicKey(header.getKeyID())
              .orElseThrow(() -> invalid("the token is signed by an unknown key"));
      if (!jwt.verify(new ECDSAVerifier(ecPublicKey(spki)))) {
        throw invalid("the token's signature does not verify");
      }
      return claims(jwt.getJWTClaimsSet());
    } catch (ParseException | JOSEException e) {
      throw invalid("the token is malformed");
    } catch (RuntimeException e) {
      // Whatever a hostile token makes a parser throw is still only an invalid token.
      if (e instanceof SignetException signet) throw signet;
      throw invalid("the token is malformed");
    }
  }

  private static WalletClaims claims(JWTClaimsSet set) throws ParseException {
    if (!CLAIMS.equals(set.getClaims().keySet())) {
      throw invalid("the token's claims are not the ones this service writes");
    }
    String issuer = set.getIssuer();
    Date issuedAt = set.getIssueTime();
    Date expiresAt = set.getExpirationTime();
    String tokenId = set.getJWTID();
    String wallet = set.getStringClaim("wallet");
    Map<String, Object> subject = JSONObjectUtils.parse(set.getSubject());
    if (issuer == null
        || issuedAt == null
        || expiresAt == null
        || tokenId == null
        || wallet == null
        || !subject.keySet().equals(Set.of("accountSource", "address", "userPrincipal"))
        || !(subject.get("accountSource") instanceof String chain)
        || !(subject.get("address") instanceof String address)
        || !"".equals(subject.get("userPrincipal"))) {
      throw invalid("the token's claims are not the ones this service writes");
    }
    return new WalletClaims(
        issuer,
        new EthereumAddress(address),
        chain,
        wallet,
        Instant.ofEpochSecond(issuedAt.toInstant().getEpochSecond()),
        Instant.ofEpochSecond(expiresAt.toInstant().getEpochSecond()),
        tokenId);
  }

  private static ECPublicKey ecPublicKey(Bytes spki) {
    try {
      return (ECPublicKey)
          KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki.toArray()));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new IllegalStateException("a stored jwt public key is not an EC key", e);
    }
  }

  private static SignetException invalid(String why) {
    return new SignetException.LoginRefused(Refusal.INVALID_TOKEN, why);
  }
}
