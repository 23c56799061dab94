package io.signet.adapter.rest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A plain HTTP client for tests: sends exactly the bytes and headers given, so tests can send what
 * a well-behaved client never would.
 */
public final class RawHttp {
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI base;

  public RawHttp(URI base) {
    this.base = base;
  }

  public Reply send(String method, String path, Map<String, String> headers, byte[] body) {
    try {
      var builder =
          HttpRequest.newBuilder(base.resolve(path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      headers.forEach(builder::header);
      HttpResponse<String> response =
          client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public Reply send(String method, String path, Map<String, String> headers, String body) {
    return send(
        method,
        path,
        headers,
        body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** A response: status, headers, body, and the body parsed as JSON. */
  public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
      try {
        return JSON.readValue(body, Map.class);
      } catch (IOException e) {
        throw new AssertionError("response body is not JSON: " + body, e);
      }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> data() {
      return (Map<String, Object>) json().get("data");
    }

    @SuppressWarnings("unchecked")
    public String errorCode() {
      Map<String, Object> error = (Map<String, Object>) json().get("error");
      return error == null ? null : (String) error.get("error_code");
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }
}
