package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.rest.RawHttp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database: one signed login submitted 1,000 times at once, half to each,
 * gives exactly one token; one SIWE nonce used 100 times at once gives exactly one token.
 */
class WalletLoginAcrossInstancesIT {

  private static Map<String, Integer> submitConcurrently(
      List<SignetApp> apps, int copies, String body) throws InterruptedException {
    AtomicInteger client = new AtomicInteger();
    List<String> each =
        AtOnce.run(
            copies,
            i -> {
              int c = client.incrementAndGet();
              try {
                RawHttp.Reply reply =
                    WalletLoginEndToEndIT.post(
                        apps.get(i % apps.size()),
                        "10." + (c / 250) + "." + (c % 250) + ".1",
                        "application/json",
                        body);
                return reply.status() + " " + reply.json().getOrDefault("code", "?");
              } catch (RuntimeException e) {
                return "client error " + e;
              }
            });
    Map<String, Integer> outcomes = new TreeMap<>();
    each.forEach(outcome -> outcomes.merge(outcome, 1, Integer::sum));
    return outcomes;
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
