package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.rest.RawHttp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database: one signed login submitted 1,000 times at once, half to each,
 * gives exactly one token; one SIWE nonce used 100 times at once gives exactly one token.
 */
class WalletLoginAcrossInstancesIT {

  private static Map<String, Integer> submitConcurrently(
      List<SignetApp> apps, int copies, String body) throws InterruptedException {
    Map<String, Integer> outcomes = new ConcurrentHashMap<>();
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger client = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < copies; i++) {
      SignetApp app = apps.get(i % apps.size());
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      go.await();
                      int c = client.incrementAndGet();
                      RawHttp.Reply reply =
                          WalletLoginEndToEndIT.post(
                              app,
                              "10." + (c / 250) + "." + (c % 250) + ".1",
                              "application/json",
                              body);
                      String outcome =
                          reply.status() + " " + reply.json().getOrDefault("code", "?");
                      outcomes.merge(outcome, 1, Integer::sum);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                      outcomes.merge("client error " + e, 1, Integer::sum);
                    }
                  }));
    }
    go.countDown();
    for (Thread t : threads) t.join();
    return new TreeMap<>(outcomes);
  }

  @Test
  void oneSignedLoginGivesOneTokenAcrossInstances() throws Exception {
    try (SignetApp a = SignetApp.start(WalletLoginEndToEndIT.SETTINGS);
        SignetApp b = SignetApp.start(WalletLoginEndToEndIT.SETTINGS)) {
      TestWallet wallet = new TestWallet();
      String message = wallet.relationMessage(System.currentTimeMillis());
      String body = wallet.body(message, wallet.sign(message));

      Map<String, Integer> outcomes = submitConcurrently(List.of(a, b), 1000, body);
      assertThat(outcomes).isEqualTo(Map.of("200 success", 1, "401 replayed", 999));

      String issuedAt = Instant.now().toString();
      String nonce =
          (String)
              a.http
                  .send(
                      "GET", "/auth/nonce", Map.of("X-Forwarded-For", "10.200.0.1"), (String) null)
                  .json()
                  .get("nonce");
      String siwe = wallet.siweMessage("localhost:8080", nonce, issuedAt);
      Map<String, Integer> siweOutcomes =
          submitConcurrently(List.of(a, b), 100, wallet.body(siwe, wallet.sign(siwe)));
      assertThat(siweOutcomes).isEqualTo(Map.of("200 success", 1, "401 invalid_nonce", 99));
    }
  }
}
