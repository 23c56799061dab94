package io.signet.application.fake;

import io.signet.application.contract.SigningLogContract;
import io.signet.application.port.SigningLog;
import io.signet.domain.audit.RequestId;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.tenant.TenantId;
import java.util.List;

class InMemorySigningLogTest extends SigningLogContract {
  private final InMemorySigningLog log = new InMemorySigningLog();

  @Override
  protected SigningLog log() {
    return log;
  }

  @Override
  protected List<RequestId> recorded(TenantId tenant) {
    return log.events().stream()
        .filter(e -> e.key().tenant().equals(tenant))
        .map(SigningEvent::requestId)
        .toList();
  }
}
