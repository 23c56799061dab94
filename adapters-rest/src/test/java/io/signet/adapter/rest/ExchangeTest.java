package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

class ExchangeTest {

  /** The rule every credential reader uses (API key, admin token, wallet token). */
  @Test
  void aCredentialCountsOnlyWhenItIsTheOnlyOne() {
    assertThat(Exchange.soleCredential(HttpRequest.GET("/"), HttpHeaders.AUTHORIZATION)).isEmpty();
    assertThat(
            Exchange.soleCredential(
                HttpRequest.GET("/").header(HttpHeaders.AUTHORIZATION, "Bearer a"),
                HttpHeaders.AUTHORIZATION))
        .contains("Bearer a");
    var twice =
        HttpRequest.GET("/")
            .header(HttpHeaders.AUTHORIZATION, "Bearer a")
            .header(HttpHeaders.AUTHORIZATION, "Bearer b");
    assertThat(twice.getHeaders().getAll(HttpHeaders.AUTHORIZATION)).hasSize(2);
    assertThat(Exchange.soleCredential(twice, HttpHeaders.AUTHORIZATION)).isEmpty();
  }
}
