package io.signet.application.fake;

import io.signet.application.port.Tenants;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Tenants} in memory, for unit tests of the core. Passes {@code TenantsContract}. */
public final class InMemoryTenants implements Tenants {
  private final Map<TenantId, Tenant> tenants = new ConcurrentHashMap<>();

  @Override
  public void add(Tenant tenant) {
    if (tenants.putIfAbsent(tenant.id(), tenant) != null) {
      throw new IllegalStateException("tenant " + tenant.id() + " exists");
    }
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    return Optional.ofNullable(tenants.get(id));
  }

  @Override
  public List<Tenant> list() {
    List<Tenant> all = new ArrayList<>(tenants.values());
    all.sort(Comparator.comparing(Tenant::createdAt).thenComparing(t -> t.id().value()));
    return all;
  }
}
