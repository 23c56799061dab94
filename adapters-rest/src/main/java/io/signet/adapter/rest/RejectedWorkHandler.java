package io.signet.adapter.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.signet.domain.SignetException;
import jakarta.inject.Singleton;
import java.util.concurrent.RejectedExecutionException;

/**
 * A request that arrives while the service stops finds its executor shut down: that is 503
 * ERR_SERVICE_001 (nothing was done, try another instance), never a 500. The answer itself comes
 * from {@link ErrorResponses}.
 */
@Singleton
@Produces
final class RejectedWorkHandler
    implements ExceptionHandler<RejectedExecutionException, HttpResponse<Envelope>> {
  private final ErrorResponses errors;

  RejectedWorkHandler(ErrorResponses errors) {
    this.errors = errors;
  }

  @Override
  public HttpResponse<Envelope> handle(HttpRequest request, RejectedExecutionException e) {
    return errors.handle(
        request, new SignetException.Unavailable("the service is shutting down", e));
  }
}
