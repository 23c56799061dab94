package io.signet.application;

import io.signet.application.port.Receipts;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.audit.RequestId;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKeyPurpose;
import io.signet.domain.tenant.TenantId;

/**
 * Signs the receipt of one of the tenant's earlier responses with the current receipts key of the
 * chosen algorithm (DESIGN §5.2). Another tenant's request id is answered exactly as an unknown
 * one.
 */
public final class SignReceipt {
  private final Receipts receipts;
  private final SignWithServiceKey signer;

  public SignReceipt(Receipts receipts, SignWithServiceKey signer) {
    this.receipts = receipts;
    this.signer = signer;
  }

  public SignedReceipt sign(TenantId tenant, RequestId requestId, ServiceAlgorithm algorithm) {
    if (!ServiceKeyPurpose.RECEIPTS.algorithms().contains(algorithm)) {
      throw new SignetException.InvalidRequest(
          SignetException.InvalidRequest.Reason.MALFORMED_BODY,
          "signing_algo must be one of ecdsa, ecdsa-p256, rsa, ml-dsa");
    }
    Receipt receipt =
        receipts
            .find(tenant, requestId)
            .orElseThrow(() -> new SignetException.NotFound("no receipt for this request id"));
    SignWithServiceKey.ServiceSignature signed =
        signer.sign(ServiceKeyPurpose.RECEIPTS, algorithm, receipt.textBytes());
    return new SignedReceipt(receipt.text(), signed.signature(), signed.key().address(), algorithm);
  }

  /** The Phala-shaped answer: the signed text, the signature, the key's address, the algorithm. */
  public record SignedReceipt(
      String text, Bytes signature, String signingAddress, ServiceAlgorithm algorithm) {}
}
