package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import io.signet.application.contract.SigningLogContract;
import io.signet.application.port.SigningLog;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.tenant.TenantId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class JdbcSigningLogIT extends SigningLogContract {
  @Override
  protected SigningLog log() {
    return PersistenceContext.get().getBean(JdbcSigningLog.class);
  }

  @Override
  protected List<RequestId> recorded(TenantId tenant) {
    try (var c = PostgresTestDatabase.connect();
        var s = c.prepareStatement("SELECT request_id FROM signature_event WHERE tenant_id = ?")) {
      s.setObject(1, tenant.value());
      List<RequestId> ids = new ArrayList<>();
      try (var rows = s.executeQuery()) {
        while (rows.next()) ids.add(new RequestId(rows.getObject(1, java.util.UUID.class)));
      }
      return ids;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everyConcurrentEventIsDurableWhenRecordReturnsAndTheyShareCommits() throws Exception {
    JdbcSigningLog log = PersistenceContext.get().getBean(JdbcSigningLog.class);
    TenantId tenant = TenantId.random();
    KeyName key = new KeyName(tenant, Algorithm.DILITHIUM3, 1);
    List<Thread> signers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      signers.add(
          Thread.ofVirtual()
              .start(
                  () ->
                      log.record(
                          new SigningEvent(
                              key,
                              "sign",
                              Bytes.of(new byte[32]),
                              RequestId.next(Clock.systemUTC()),
                              Instant.now()))));
    }
    for (Thread t : signers) t.join();
    try (var c = PostgresTestDatabase.connect();
        var s =
            c.prepareStatement(
                "SELECT count(*), count(DISTINCT xmin::text) FROM signature_event WHERE tenant_id = ?")) {
      s.setObject(1, tenant.value());
      try (var rows = s.executeQuery()) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(200);
        assertThat(rows.getInt(2)).as("transactions used").isLessThan(200);
      }
    }
  }

  /** Stands for any Error in the writer's path: out of memory, a driver defect. */
  static final class WriterError extends Error {
    WriterError() {
      super("simulated error in the signing-log writer");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theWriterSurvivesAnErrorFailsOnlyThatBatchAndStaysHealthy() throws Exception {
    var context = PersistenceContext.get();
    ConnectionOperations<Connection> real = context.getBean(ConnectionOperations.class);
    AtomicBoolean failNext = new AtomicBoolean(true);
    ConnectionOperations<Connection> failingOnce =
        (ConnectionOperations<Connection>)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {ConnectionOperations.class},
                (proxy, method, args) -> {
                  if (method.getName().startsWith("execute") && failNext.getAndSet(false)) {
                    throw new WriterError();
                  }
                  try {
                    return method.invoke(real, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    GroupCommit writer =
        new GroupCommit(
            new Sql(context.getBean(TransactionOperations.class), failingOnce),
            16,
            Duration.ofSeconds(10),
            Duration.ofMillis(2));
    JdbcSigningLog log = new JdbcSigningLog(writer);
    try {
      KeyName key = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 1);
      assertThatThrownBy(() -> log.record(anEvent(key)))
          .as("the batch hit by the error is not acknowledged")
          .isInstanceOf(SignetException.Unavailable.class);
      assertThat(writer.healthy()).isTrue();
      log.record(anEvent(key));
      assertThat(writer.healthy()).isTrue();
    } finally {
      writer.close();
    }
    assertThat(writer.healthy()).as("a closed writer is not ready").isFalse();
  }

  private static SigningEvent anEvent(KeyName key) {
    return new SigningEvent(
        key, "sign", Bytes.of(new byte[32]), RequestId.next(Clock.systemUTC()), Instant.now());
  }
}
