package io.signet.bootstrap;

import io.signet.adapter.rest.RawHttp;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent signing clients for fault-injection tests: each loops on {@code /sign} until stopped,
 * and every answer is recorded: the request id and the exact body of each 200 (an acknowledged
 * signature), the count of each status, and connection failures (a service that is gone answers
 * nothing, which acknowledges nothing).
 */
final class SigningLoad implements AutoCloseable {
  private final RawHttp http;
  private final Map<String, String> headers;
  private final String body;
  private final List<Thread> clients = new ArrayList<>();
  private final Map<UUID, String> acknowledged = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<Long> successNanos = new ConcurrentLinkedQueue<>();
  private final AtomicInteger unanswered = new AtomicInteger();
  private volatile boolean running = true;

  SigningLoad(URI base, String apiKey, int clientCount) {
    this.http = new RawHttp(base);
    this.headers = Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
    this.body =
        "{\"message\":\""
            + Base64.getEncoder()
                .encodeToString("fault injection".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "\",\"key_version\":1}";
    for (int i = 0; i < clientCount; i++) {
      clients.add(Thread.ofPlatform().daemon().name("signing-client-" + i).start(this::loop));
    }
  }

  private void loop() {
    while (running) {
      try {
        var reply = http.send("POST", "/api/v1/signature/sign", headers, body);
        statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
        if (reply.status() == 200) {
          successNanos.add(System.nanoTime());
          acknowledged.put(UUID.fromString((String) reply.json().get("request_id")), reply.body());
        }
      } catch (RuntimeException connectionFailed) {
        unanswered.incrementAndGet();
        sleep(20);
      }
    }
  }

  /** Waits for the first 200 answered after {@code sinceNanos}; returns its delay in ms. */
  long millisToFirstSuccessAfter(long sinceNanos, long timeoutMillis) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (System.nanoTime() < deadline) {
      for (long at : successNanos) {
        if (at > sinceNanos) return (at - sinceNanos) / 1_000_000;
      }
      sleep(5);
    }
    throw new AssertionError("no signature answered within " + timeoutMillis + " ms");
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** How many 200s arrived after {@code sinceNanos} (System.nanoTime()). */
  long acknowledgedAfter(long sinceNanos) {
    return successNanos.stream().filter(at -> at > sinceNanos).count();
  }

  /** The request body every client sends, as sent. */
  String requestBody() {
    return body;
  }

  /** Each acknowledged signature's request id with the body of its 200, as received. */
  Map<UUID, String> acknowledged() {
    return Map.copyOf(acknowledged);
  }

  Map<Integer, AtomicInteger> statuses() {
    return statuses;
  }

  int unanswered() {
    return unanswered.get();
  }

  /** How many acknowledged signatures have no signature_event row in the database. */
  int missingFrom(Connection db) throws Exception {
    UUID[] ids = acknowledged.keySet().toArray(UUID[]::new);
    Array array = db.createArrayOf("uuid", ids);
    try (var s =
        db.prepareStatement(
            "SELECT count(DISTINCT request_id) FROM signature_event WHERE request_id = ANY(?)")) {
      s.setArray(1, array);
      try (var rows = s.executeQuery()) {
        rows.next();
        return ids.length - rows.getInt(1);
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    for (Thread t : clients) t.join(30_000);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
