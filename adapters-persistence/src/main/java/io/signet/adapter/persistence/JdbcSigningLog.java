package io.signet.adapter.persistence;

import io.signet.application.port.SigningLog;
import io.signet.domain.signing.SigningEvent;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@link SigningLog} in PostgreSQL through the one group-commit writer ({@link GroupCommit}) that
 * the receipts share: an event is durable when {@link #record} returns, and a batch's events commit
 * together in one transaction.
 */
@Singleton
public final class JdbcSigningLog implements SigningLog {
  private final GroupCommit commit;

  JdbcSigningLog(GroupCommit commit) {
    this.commit = commit;
  }

  @Override
  public void record(SigningEvent event) {
    commit.commit(GroupCommit.Entry.of(List.of(event)));
  }

  /** A batch's events as one entry of the group commit: one transaction for all of them. */
  @Override
  public void recordAll(List<SigningEvent> events) {
    if (events.isEmpty()) return;
    commit.commit(GroupCommit.Entry.of(events));
  }
}
