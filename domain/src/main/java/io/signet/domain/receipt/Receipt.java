package io.signet.domain.receipt;

import io.signet.domain.Bytes;
import io.signet.domain.audit.RequestId;
import io.signet.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What Signet keeps of one tenant response (DESIGN §5.2): whose it was, its request id, and the
 * SHA-256 of the exact request body bytes received and of the exact response body bytes sent. Never
 * the bodies themselves.
 */
public record Receipt(
    RequestId requestId, TenantId tenant, Bytes requestSha256, Bytes responseSha256, Instant at) {
  public Receipt {
    if (requestId == null || tenant == null || at == null) {
      throw new IllegalArgumentException("request id, tenant and time are required");
    }
    if (requestSha256 == null
        || responseSha256 == null
        || requestSha256.length() != 32
        || responseSha256.length() != 32) {
      throw new IllegalArgumentException("receipt hashes are 32-byte SHA-256 values");
    }
  }

  /** {@code <sha256hex(request body)>:<sha256hex(response body)>}, lowercase: what is signed. */
  public String text() {
    HexFormat hex = HexFormat.of();
    return hex.formatHex(requestSha256.toArray()) + ":" + hex.formatHex(responseSha256.toArray());
  }

  /** The UTF-8 bytes of {@link #text()}. */
  public Bytes textBytes() {
    return Bytes.of(text().getBytes(StandardCharsets.US_ASCII));
  }
}
