package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.contract.TransactionsContract;
import io.signet.application.port.Transactions;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JdbcTransactionsIT extends TransactionsContract {
  @Override
  protected Transactions transactions() {
    return PersistenceContext.get().getBean(JdbcTransactions.class);
  }

  @Test
  void aFailedUnitLeavesNothingAndACommittedOneEverything() {
    JdbcTenants tenants = PersistenceContext.get().getBean(JdbcTenants.class);
    Instant at = Instant.parse("2026-03-01T10:15:30.123Z");
    TenantId first = TenantId.random();
    TenantId second = TenantId.random();
    assertThatThrownBy(
            () ->
                transactions()
                    .run(
                        () -> {
                          tenants.add(new Tenant(first, "first", Plan.FREE, at));
                          tenants.add(new Tenant(second, "second", Plan.FREE, at));
                          throw new IllegalStateException("after both writes");
                        }))
        .hasMessage("after both writes");
    assertThat(tenants.find(first)).isEmpty();
    assertThat(tenants.find(second)).isEmpty();
    transactions()
        .run(
            () -> {
              tenants.add(new Tenant(first, "first", Plan.FREE, at));
              tenants.add(new Tenant(second, "second", Plan.FREE, at));
            });
    assertThat(tenants.find(first)).isPresent();
    assertThat(tenants.find(second)).isPresent();
  }
}
