package io.signet.adapter.persistence;

import io.micronaut.context.ApplicationContext;

/** An application context holding just the persistence adapter, on the test database. */
final class PersistenceContext {
  private static ApplicationContext context;

  private PersistenceContext() {}

  static synchronized ApplicationContext get() {
    if (context == null) {
      context = ApplicationContext.run(PostgresTestDatabase.properties());
    }
    return context;
  }
}
