package io.signet.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.signet.adapter.rest.RawHttp;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.SignatureVerifier;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;
import io.signet.domain.tenant.TenantId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The signing benchmark (run by {@code scripts/bench}): in one run, raw in-process sign/verify
 * throughput of ML-DSA-65, composite and ECDSA-P256 through the production custody and verifier
 * (SoftHSM2, BouncyCastle), then the same operations through HTTP with 2, 16 and 64 concurrent
 * clients against the whole service (authentication, rate limiting, JSON, the audit commit), on an
 * embedded PostgreSQL; {@code sign-batch} of 1000 items in items/s next to the single calls; and
 * HTTP Dilithium3 sign/verify at 16 clients with receipts on, then in a second application context
 * on the same database and token with {@code signet.receipts.enabled=false}. Writes the table into
 * README.md between the bench markers.
 */
public final class Benchmark {
  private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 5));
  private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 8));
  private static final byte[] MESSAGE = new byte[256];
  private static final String SIGN = "/api/v1/signature/sign";
  private static final String VERIFY = "/api/v1/signature/verify";
  private static final String SIGN_BATCH = "/api/v1/signature/sign-batch";
  private static final int BATCH_ITEMS = 1000;
  private static final int BATCH_CLIENTS = 2;

  /** The algorithms measured: the two post-quantum ones and one classical for comparison. */
  private static final List<Algorithm> MEASURED =
      List.of(Algorithm.DILITHIUM3, Algorithm.COMPOSITE_ML_DSA, Algorithm.ECDSA_P256);

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    Path readme = Path.of(args.length > 0 ? args[0] : "README.md");
    Arrays.fill(MESSAGE, (byte) 'x');
    Map<String, Object> properties = new HashMap<>();
    var embedded = EmbeddedDatabase.startIfRequested();
    embedded.ifPresent(db -> properties.putAll(db.properties()));
    properties.put("micronaut.server.port", -1);
    properties.put("signet.admin.token", SignetApp.ADMIN_TOKEN);
    properties.put("signet.lifecycle.enabled", false);
    properties.put("signet.rate-limit.enterprise-per-second", 100_000_000L);
    List<String> rows = new ArrayList<>();
    String b64 = Base64.getEncoder().encodeToString(MESSAGE);
    Map<String, String> caller;
    try (ApplicationContext context =
        ApplicationContext.builder().mainClass(Application.class).properties(properties).start()) {
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      RawHttp http = new RawHttp(server.getURI());
      var tenant =
          http.send(
              "POST",
              "/admin/v1/tenants",
              SignetApp.AS_ADMIN_JSON,
              "{\"name\":\"bench\",\"plan\":\"enterprise\"}");
      String tenantId = (String) tenant.data().get("tenant_id");
      String apiKey =
          (String)
              http.send(
                      "POST",
                      "/admin/v1/tenants/" + tenantId + "/api-keys",
                      SignetApp.AS_ADMIN_JSON,
                      "{\"scopes\":[\"sign\",\"verify\",\"keys:manage\"]}")
                  .data()
                  .get("api_key");
      caller = Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
      for (Algorithm algorithm : MEASURED) {
        var generated =
            http.send(
                "POST",
                "/api/v1/kms/keys/generate",
                caller,
                "{\"algorithm\":\"" + algorithm.wireName() + "\"}");
        if (generated.status() != 201)
          throw new IllegalStateException("HTTP " + generated.status() + ": " + generated.body());
      }

      KeyCustody custody = context.getBean(KeyCustody.class);
      SignatureVerifier verifier = context.getBean(SignatureVerifier.class);
      KeyVersions versions = context.getBean(KeyVersions.class);
      TenantId owner = new TenantId(UUID.fromString(tenantId));
      SigningInput input = new SigningInput.Message(Bytes.of(MESSAGE), Bytes.of(new byte[0]));

      warmUp(http, caller, custody, versions, owner, input, b64);
      for (Algorithm algorithm : MEASURED) {
        // The classical algorithm is here as the single-call baseline of its batch row: fewer
        // concurrency levels keep the whole run within a few minutes.
        boolean classical = algorithm == Algorithm.ECDSA_P256;
        int[] threadCounts = classical ? new int[] {2} : new int[] {1, 2};
        int[] clientCounts = classical ? new int[] {16, 64} : new int[] {2, 16, 64};
        KeyVersion key = versions.find(new KeyName(owner, algorithm, 1)).orElseThrow();
        Bytes signature = custody.sign(key, input);
        for (int threads : threadCounts) {
          rows.add(
              row(
                  "in-process",
                  algorithm,
                  "sign",
                  threads,
                  measure(threads, () -> custody.sign(key, input))));
        }
        for (int threads : threadCounts) {
          rows.add(
              row(
                  "in-process",
                  algorithm,
                  "verify",
                  threads,
                  measure(threads, () -> verifier.verify(key, input, signature))));
        }
        String signBody = signBody(algorithm, b64);
        String verifyBody = verifyBody(http, caller, algorithm, b64);
        for (int clients : clientCounts) {
          rows.add(
              row(
                  "HTTP",
                  algorithm,
                  "sign",
                  clients,
                  measure(clients, () -> require(http.send("POST", SIGN, caller, signBody)))));
        }
        for (int clients : clientCounts) {
          rows.add(
              row(
                  "HTTP",
                  algorithm,
                  "verify",
                  clients,
                  measure(clients, () -> require(http.send("POST", VERIFY, caller, verifyBody)))));
        }
        if (algorithm != Algorithm.COMPOSITE_ML_DSA) {
          rows.add(batchRow(http, caller, algorithm, b64));
        }
      }
      // Receipts on (the default), measured last in this context so that the receipts-off rows
      // of the next context follow them directly.
      rows.addAll(receiptRows(http, caller, "on", b64));
      server.stop();
    }
    // A second context on the same database and token, with receipts switched off.
    properties.put("signet.receipts.enabled", false);
    try (ApplicationContext context =
        ApplicationContext.builder().mainClass(Application.class).properties(properties).start()) {
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      RawHttp http = new RawHttp(server.getURI());
      run(
          16,
          () -> require(http.send("POST", SIGN, caller, signBody(Algorithm.DILITHIUM3, b64))),
          WARMUP);
      rows.addAll(receiptRows(http, caller, "off", b64));
      server.stop();
    } finally {
      embedded.ifPresent(EmbeddedDatabase::close);
    }
    String table = table(rows);
    System.out.println(table);
    String text = Files.readString(readme);
    int start = text.indexOf("<!-- bench:start -->");
    int end = text.indexOf("<!-- bench:end -->");
    if (start < 0 || end < start) throw new IllegalStateException("README.md has no bench markers");
    Files.writeString(
        readme, text.substring(0, start) + "<!-- bench:start -->\n" + table + text.substring(end));
  }

  private static String signBody(Algorithm algorithm, String b64) {
    return "{\"message\":\""
        + b64
        + "\",\"key_version\":1,\"algorithm\":\""
        + algorithm.wireName()
        + "\"}";
  }

  /** A verify request body carrying a signature just made through HTTP. */
  private static String verifyBody(
      RawHttp http, Map<String, String> caller, Algorithm algorithm, String b64) {
    String sig =
        (String) http.send("POST", SIGN, caller, signBody(algorithm, b64)).data().get("signature");
    return "{\"message\":\""
        + b64
        + "\",\"signature\":\""
        + sig
        + "\",\"key_version\":1,\"algorithm\":\""
        + algorithm.wireName()
        + "\"}";
  }

  /**
   * One {@code sign-batch} row: batches of {@value #BATCH_ITEMS} items from {@value #BATCH_CLIENTS}
   * clients, reported as signed items per second (p50/p99 are per batch).
   */
  @SuppressWarnings("unchecked")
  private static String batchRow(
      RawHttp http, Map<String, String> caller, Algorithm algorithm, String b64) throws Exception {
    String item = signBody(algorithm, b64);
    String batch =
        "{\"items\":[" + String.join(",", java.util.Collections.nCopies(BATCH_ITEMS, item)) + "]}";
    List<Map<String, Object>> results =
        (List<Map<String, Object>>)
            ((RawHttp.Reply) require(http.send("POST", SIGN_BATCH, caller, batch)))
                .data()
                .get("results");
    if (results.size() != BATCH_ITEMS || results.stream().anyMatch(r -> r.containsKey("error")))
      throw new IllegalStateException("sign-batch did not sign every item");
    double[] m =
        measure(
            BATCH_CLIENTS,
            () -> {
              RawHttp.Reply reply =
                  (RawHttp.Reply) require(http.send("POST", SIGN_BATCH, caller, batch));
              if (reply.body().contains("\"error\""))
                throw new IllegalStateException("sign-batch item failed: " + reply.body());
              return reply;
            });
    m[0] *= BATCH_ITEMS;
    return row("HTTP", algorithm, "sign-batch of " + BATCH_ITEMS + " (items/s)", BATCH_CLIENTS, m);
  }

  /** HTTP Dilithium3 sign and verify at 16 clients, labelled with the receipts switch. */
  private static List<String> receiptRows(
      RawHttp http, Map<String, String> caller, String receipts, String b64) throws Exception {
    String path = "HTTP, receipts " + receipts;
    String signBody = signBody(Algorithm.DILITHIUM3, b64);
    String verifyBody = verifyBody(http, caller, Algorithm.DILITHIUM3, b64);
    return List.of(
        row(
            path,
            Algorithm.DILITHIUM3,
            "sign",
            16,
            measure(16, () -> require(http.send("POST", SIGN, caller, signBody)))),
        row(
            path,
            Algorithm.DILITHIUM3,
            "verify",
            16,
            measure(16, () -> require(http.send("POST", VERIFY, caller, verifyBody)))));
  }

  /** Brings the JIT, the caches and PostgreSQL to a steady state before any row is measured. */
  private static void warmUp(
      RawHttp http,
      Map<String, String> caller,
      KeyCustody custody,
      KeyVersions versions,
      TenantId owner,
      SigningInput input,
      String b64)
      throws Exception {
    for (Algorithm algorithm : MEASURED) {
      KeyVersion key = versions.find(new KeyName(owner, algorithm, 1)).orElseThrow();
      run(2, () -> custody.sign(key, input), WARMUP);
      String body = signBody(algorithm, b64);
      run(16, () -> require(http.send("POST", SIGN, caller, body)), WARMUP);
    }
  }

  private static Object require(RawHttp.Reply reply) {
    if (reply.status() != 200)
      throw new IllegalStateException("HTTP " + reply.status() + ": " + reply.body());
    return reply;
  }

  /**
   * Runs {@code work} from {@code threads} threads for WARMUP then MEASURE; returns ops/s, p50, p99
   * (ms).
   */
  private static double[] measure(int threads, java.util.concurrent.Callable<?> work)
      throws Exception {
    run(threads, work, WARMUP);
    long begin = System.nanoTime();
    List<long[]> latencies = run(threads, work, MEASURE);
    // Over the whole window including the operations still running when it closed (they are
    // counted), which matters for the long batch requests.
    double elapsed = (System.nanoTime() - begin) / 1e9;
    long count = latencies.stream().mapToLong(l -> l.length).sum();
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new double[] {
      count / elapsed,
      all[(int) (all.length * 0.50)] / 1e6,
      all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6
    };
  }

  private static List<long[]> run(
      int threads, java.util.concurrent.Callable<?> work, Duration duration) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(threads);
    List<long[]> results = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      Thread.ofPlatform()
          .start(
              () -> {
                long[] samples = new long[1 << 20];
                int n = 0;
                try {
                  while (!stop.get() && n < samples.length) {
                    long begin = System.nanoTime();
                    work.call();
                    samples[n++] = System.nanoTime() - begin;
                  }
                } catch (Throwable e) {
                  failures.add(e);
                } finally {
                  results.add(Arrays.copyOf(samples, n));
                  done.countDown();
                }
              });
    }
    Thread.sleep(duration.toMillis());
    stop.set(true);
    done.await();
    if (!failures.isEmpty())
      throw new IllegalStateException("benchmark operation failed", failures.getFirst());
    return results;
  }

  private static String row(
      String path, Algorithm algorithm, String operation, int concurrency, double[] m) {
    String line =
        String.format(
            java.util.Locale.ROOT,
            "| %s | %s | %s | %d | %.0f | %.2f | %.2f |",
            path,
            algorithm.wireName(),
            operation,
            concurrency,
            m[0],
            m[1],
            m[2]);
    System.out.println(line);
    return line;
  }

  private static String table(List<String> rows) {
    String header =
        "Measured on "
            + LocalDate.now(java.time.ZoneOffset.UTC)
            + " by `scripts/bench` ("
            + Runtime.getRuntime().availableProcessors()
            + " cores, "
            + System.getProperty("java.vm.name")
            + " "
            + Runtime.version()
            + "; 256-byte messages; "
            + WARMUP.toSeconds()
            + " s warm-up per row after a global one, "
            + MEASURE.toSeconds()
            + " s measured per row; PostgreSQL and the clients share the machine; batch p50/p99 are"
            + " per 1000-item request).\n\n"
            + "| path | algorithm | operation | threads / clients | ops/s (items/s for sign-batch) | p50 ms | p99 ms |\n|---|---|---|---|---|---|---|\n";
    return header + String.join("\n", rows) + "\n\n";
  }
}
