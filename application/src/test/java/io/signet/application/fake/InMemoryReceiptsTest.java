package io.signet.application.fake;

import io.signet.application.contract.ReceiptsContract;
import io.signet.application.port.Receipts;
import io.signet.domain.audit.RequestId;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.tenant.TenantId;
import java.util.List;

class InMemoryReceiptsTest extends ReceiptsContract {
  private final InMemoryReceipts receipts = new InMemoryReceipts();

  @Override
  protected Receipts receipts() {
    return receipts;
  }

  @Override
  protected List<RequestId> signingEvents(TenantId tenant) {
    return receipts.signingLog().events().stream()
        .filter(e -> e.key().tenant().equals(tenant))
        .map(SigningEvent::requestId)
        .toList();
  }
}
