package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.contract.ReceiptsContract;
import io.signet.application.port.Receipts;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.receipt.Receipt;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.tenant.TenantId;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JdbcReceiptsIT extends ReceiptsContract {
  @Override
  protected Receipts receipts() {
    return PersistenceContext.get().getBean(JdbcReceipts.class);
  }

  @Override
  protected List<RequestId> signingEvents(TenantId tenant) {
    List<RequestId> ids = new ArrayList<>();
    query(
        "SELECT request_id FROM signature_event WHERE tenant_id = '" + tenant + "' ORDER BY seq",
        row -> ids.add(new RequestId(UUID.fromString(row))));
    return ids;
  }

  @Test
  void aReceiptAndTheSigningEventsOfItsResponseShareOneTransaction() throws Exception {
    TenantId tenant = TenantId.random();
    List<Receipt> made = new ArrayList<>();
    List<CompletableFuture<Void>> responses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Receipt r = receipt(tenant, T0);
      made.add(r);
      responses.add(
          receipts()
              .record(r, List.of(event(tenant, "sign", r.requestId())))
              .toCompletableFuture());
    }
    CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();
    for (Receipt r : made) {
      List<String> transactions = new ArrayList<>();
      String id = r.requestId().toString();
      query(
          "SELECT xmin::text FROM receipt WHERE request_id = '"
              + id
              + "' UNION ALL SELECT xmin::text FROM signature_event WHERE request_id = '"
              + id
              + "'",
          transactions::add);
      assertThat(transactions).as("receipt and signing event rows").hasSize(2);
      assertThat(transactions.get(0))
          .as("written by the same transaction")
          .isEqualTo(transactions.get(1));
    }
  }

  @Test
  void aReceiptWhoseSigningEventTheDatabaseRefusesIsNotStoredEither() {
    TenantId tenant = TenantId.random();
    Receipt r = receipt(tenant, T0);
    // An operation the table's CHECK refuses: the one statement of the batch fails as a whole.
    SigningEvent refused = event(tenant, "not-an-operation", r.requestId());

    assertThatThrownBy(() -> durably(receipts().record(r, List.of(refused))))
        .as("not acknowledged")
        .isInstanceOf(CompletionException.class)
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("23514"); // check_violation
    assertThat(receipts().find(tenant, r.requestId())).as("the receipt").isEmpty();
    assertThat(signingEvents(tenant)).as("the signing events").isEmpty();
  }

  @Test
  void aReceiptNotCommittedWithinTheTimeoutFailsAsUnavailableAndIsNotWrittenIfStillQueued()
      throws Exception {
    GroupCommit slow =
        new GroupCommit(
            PersistenceContext.get().getBean(Sql.class),
            256,
            Duration.ofMillis(300),
            Duration.ZERO);
    TenantId tenant = TenantId.random();
    Receipt inFlight = receipt(tenant, T0);
    Receipt queued = receipt(tenant, T0);
    try (var c = PostgresTestDatabase.connect()) {
      c.setAutoCommit(false);
      try (var s = c.createStatement()) {
        s.execute("LOCK TABLE receipt IN ACCESS EXCLUSIVE MODE"); // the writer's INSERT waits
      }
      CompletableFuture<Void> first = slow.submit(new GroupCommit.Entry(List.of(), inFlight));
      awaitAWriterWaitingForTheLock();
      CompletableFuture<Void> second = slow.submit(new GroupCommit.Entry(List.of(), queued));
      for (CompletableFuture<Void> recorded : List.of(first, second)) {
        assertThatThrownBy(() -> recorded.get(5, TimeUnit.SECONDS)) // not a hang: the timeout
            .isInstanceOf(ExecutionException.class)
            .cause()
            .isInstanceOf(SignetException.Unavailable.class)
            .hasMessageContaining("did not commit in time");
      }
      c.rollback();
      // The writer goes on in order: once a later entry is committed, the queued one was passed.
      slow.submit(new GroupCommit.Entry(List.of(), receipt(tenant, T0))).get(5, TimeUnit.SECONDS);
      assertThat(receipts().find(tenant, inFlight.requestId()))
          .as("in flight when its caller gave up: committed, in doubt for the caller")
          .isPresent();
      assertThat(receipts().find(tenant, queued.requestId()))
          .as("given up while still queued: never written")
          .isEmpty();
    } finally {
      slow.close();
    }
  }

  private static void awaitAWriterWaitingForTheLock() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      List<String> waiting = new ArrayList<>();
      query(
          "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
              + " AND query LIKE 'INSERT INTO receipt%'",
          waiting::add);
      if (!waiting.get(0).equals("0")) return;
      Thread.sleep(50);
    }
    throw new AssertionError("the writer never reached the locked table");
  }

  @Test
  void anAutocommitWriteRefusesAConnectionInsideATransaction() {
    Sql sql = PersistenceContext.get().getBean(Sql.class);
    assertThatThrownBy(() -> sql.write(c -> sql.autocommit(inside -> 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside autocommit");
  }

  private static void query(String sql, java.util.function.Consumer<String> firstColumn) {
    try (var c = PostgresTestDatabase.connect();
        var s = c.createStatement();
        var rows = s.executeQuery(sql)) {
      while (rows.next()) firstColumn.accept(rows.getString(1));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Dilithium3 version 1 signing event of {@code requestId} at {@code T0}. */
  private static SigningEvent event(TenantId tenant, String operation, RequestId requestId) {
    return new SigningEvent(
        new KeyName(tenant, Algorithm.DILITHIUM3, 1),
        operation,
        Bytes.of(new byte[32]),
        requestId,
        T0);
  }
}
