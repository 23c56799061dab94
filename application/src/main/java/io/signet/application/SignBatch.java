package io.signet.application;

import io.signet.application.port.SigningLog;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.KeyName;
import io.signet.domain.signing.SigningEvent;
import io.signet.domain.signing.SigningInput;
import java.util.ArrayList;
import java.util.List;

/**
 * Signs a batch of independent items, each with its own key version, exactly as {@link SignPayload}
 * signs one: an item that cannot be signed fails alone, with its reason. The audit records of all
 * signed items are written in one group commit, and no signature is returned before they are
 * durable; if that commit fails, the whole batch fails (Unavailable) and no signature is released.
 */
public final class SignBatch {
  /** The most items one batch may carry. */
  public static final int MAX_ITEMS = 1000;

  private final SignPayload signPayload;
  private final SigningLog log;

  public SignBatch(SignPayload signPayload, SigningLog log) {
    this.signPayload = signPayload;
    this.log = log;
  }

  /** The outcomes, one per item, in the items' order. */
  public List<Outcome> sign(List<Item> items, RequestId requestId) {
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw SignetException.InvalidRequest.field(
          "items must hold 1 to " + MAX_ITEMS + " requests, not " + items.size());
    }
    List<Outcome> outcomes = new ArrayList<>(items.size());
    List<SigningEvent> events = new ArrayList<>(items.size());
    for (Item item : items) {
      try {
        Bytes signature = signPayload.signUnrecorded(item.name(), item.input());
        events.add(signPayload.event(item.name(), item.input(), requestId));
        outcomes.add(new Outcome.Signed(signature));
      } catch (SignetException e) {
        outcomes.add(new Outcome.Failed(e));
      }
    }
    if (!events.isEmpty()) log.recordAll(events);
    return outcomes;
  }

  /** One request of the batch. */
  public record Item(KeyName name, SigningInput input) {
    public Item {
      if (name == null || input == null) throw new IllegalArgumentException("name and input");
    }
  }

  /** What became of one item: its signature, or why it was not signed. */
  public sealed interface Outcome {
    record Signed(Bytes signature) implements Outcome {}

    record Failed(SignetException error) implements Outcome {}
  }
}
