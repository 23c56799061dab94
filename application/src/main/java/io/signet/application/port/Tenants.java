package io.signet.application.port;

import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * The tenants Signet serves. Each method is atomic and durable when it returns.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the store cannot be
 * reached; nothing was changed then.
 */
public interface Tenants {
  /** Stores a new tenant. Its id is fresh; adding the same id twice is a programming error. */
  void add(Tenant tenant);

  Optional<Tenant> find(TenantId id);

  /** Every tenant, oldest first. */
  List<Tenant> list();
}
