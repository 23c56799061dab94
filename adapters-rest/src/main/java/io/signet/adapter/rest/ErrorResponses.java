package io.signet.adapter.rest;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import io.micronaut.http.server.netty.AbstractNettyHttpRequest;
import io.micronaut.web.router.exceptions.UnsatisfiedBodyRouteException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;
import jakarta.inject.Singleton;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single error mapper of the REST adapter. Signet's own exceptions map by an exhaustive switch;
 * everything the framework rejects before a controller runs (unknown route, wrong method, wrong
 * content type, body over the limit, unreadable body) and any unexpected failure go through {@link
 * #processResponse}, by HTTP status. Every error body is the same envelope, and none echoes an
 * internal message or a stack trace.
 */
@Singleton
@SuppressWarnings(
    "removal") // replacing the deprecated default processor is how Micronaut 4 swaps it
@Replaces(HateoasErrorResponseProcessor.class)
@Produces
final class ErrorResponses
    implements ErrorResponseProcessor<Envelope>,
        ExceptionHandler<SignetException, HttpResponse<Envelope>> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
  private final Exchange exchange;
  private final int maxRequestLine;
  private final int maxHeaderBytes;

  ErrorResponses(
      Exchange exchange,
      @Value("${micronaut.server.netty.max-initial-line-length:4096}") int maxRequestLine,
      @Value("${micronaut.server.netty.max-header-size:8192}") int maxHeaderBytes) {
    this.exchange = exchange;
    this.maxRequestLine = maxRequestLine;
    this.maxHeaderBytes = maxHeaderBytes;
  }

  @Override
  @SuppressWarnings("rawtypes") // ExceptionHandler declares the raw type
  public HttpResponse<Envelope> handle(HttpRequest request, SignetException e) {
    if (e instanceof SignetException.Unavailable) {
      LOG.warn(
          "{} {}: {}", request.getMethodName(), request.getPath(), e.getMessage(), e.getCause());
    }
    MutableHttpResponse<Envelope> response =
        exchange.error(request, status(e), code(e), e.getMessage());
    if (e instanceof SignetException.RateLimited limited) {
      response.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
      // The X-RateLimit-* headers then describe this refusal (a budget or a quota), not the
      // request budget the request was charged to before it was refused.
      request.setAttribute(RateLimitFilter.LIMITED, limited);
    }
    return response;
  }

  /** The HTTP status of {@code e}: the one place it is decided. */
  static HttpStatus status(SignetException e) {
    return switch (e) {
      case SignetException.InvalidRequest ignored -> HttpStatus.BAD_REQUEST;
      case SignetException.NotFound ignored -> HttpStatus.NOT_FOUND;
      case SignetException.Conflict ignored -> HttpStatus.CONFLICT;
      case SignetException.Unauthenticated ignored -> HttpStatus.UNAUTHORIZED;
      case SignetException.Forbidden ignored -> HttpStatus.FORBIDDEN;
      case SignetException.RateLimited ignored -> HttpStatus.TOO_MANY_REQUESTS;
      case SignetException.LoginRefused refused ->
          refused.reason().malformed() ? HttpStatus.BAD_REQUEST : HttpStatus.UNAUTHORIZED;
      case SignetException.Unavailable ignored -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }

  /** The error code of {@code e}, as its HTTP answer would carry it (batch items use it). */
  static String code(SignetException e) {
    return switch (e) {
      case SignetException.InvalidRequest invalid -> code(invalid.reason());
      case SignetException.NotFound ignored -> "ERR_NOT_FOUND_001";
      case SignetException.Conflict ignored -> "ERR_CONFLICT_001";
      case SignetException.Unauthenticated ignored -> "ERR_AUTH_001";
      case SignetException.Forbidden ignored -> "ERR_FORBIDDEN_001";
      case SignetException.RateLimited ignored -> "ERR_RATE_LIMIT_001";
      case SignetException.LoginRefused refused -> refused.reason().code();
      case SignetException.Unavailable ignored -> "ERR_SERVICE_001";
    };
  }

  static String code(Reason reason) {
    return switch (reason) {
      case MALFORMED_BODY -> "ERR_INVALID_001";
      case INVALID_FIELD -> "ERR_SIG_001";
      case TOO_LARGE -> "ERR_SIG_002";
      case UNSUPPORTED_HASH -> "ERR_SIG_010";
      case HASH_LENGTH -> "ERR_SIG_011";
    };
  }

  @Override
  public MutableHttpResponse<Envelope> processResponse(
      ErrorContext context, MutableHttpResponse<?> response) {
    HttpRequest<?> request = context.getRequest();
    HttpStatus status = response.getStatus();
    String code;
    String message;
    switch (status) {
      case BAD_REQUEST -> {
        // Bodies are read by RequestReader (its refusals are SignetExceptions): what the framework
        // refuses is a POST without a body, or a request line or header it cannot parse.
        code = "ERR_INVALID_001";
        message =
            context.getRootCause().orElse(null) instanceof UnsatisfiedBodyRouteException
                ? "the request body is empty"
                : "the request is malformed (its URI, headers or framing)";
      }
      case UNAUTHORIZED -> {
        code = "ERR_AUTH_001";
        message = "missing or invalid credentials";
      }
      case FORBIDDEN -> {
        code = "ERR_FORBIDDEN_001";
        message = "forbidden";
      }
      case NOT_FOUND -> {
        code = "ERR_NOT_FOUND_001";
        message = "no such route: " + request.getMethodName() + " " + request.getPath();
      }
      case METHOD_NOT_ALLOWED -> {
        code = "ERR_INVALID_001";
        message = "method " + request.getMethodName() + " is not allowed on " + request.getPath();
      }
      case UNSUPPORTED_MEDIA_TYPE -> {
        // DESIGN §3.3: a wrong content type is 400 ERR_INVALID_001, like a body that is not JSON.
        response.status(HttpStatus.BAD_REQUEST);
        code = "ERR_INVALID_001";
        message = "the request body must be application/json";
      }
      case NOT_ACCEPTABLE -> {
        code = "ERR_INVALID_001";
        message = "responses are application/json";
      }
      case REQUEST_ENTITY_TOO_LARGE -> {
        // The framework answers every TooLongFrameException of the HTTP decoder with 413: a request
        // line or header fields over their limits are not a body over its limit (RFC 9110 §15.5.15,
        // RFC 6585 §5), and the body limit's code would send the client looking at the wrong thing.
        switch (decoderFailure(request)) {
          case TooLongHttpLineException ignored -> {
            response.status(HttpStatus.REQUEST_URI_TOO_LONG);
            code = "ERR_INVALID_001";
            message =
                "the request line (method, URI, version) is over the server's limit of "
                    + maxRequestLine
                    + " bytes";
          }
          case TooLongHttpHeaderException ignored -> {
            response.status(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
            code = "ERR_INVALID_001";
            message =
                "the header fields are over the server's limit of " + maxHeaderBytes + " bytes";
          }
          case null, default -> {
            code = "ERR_SIG_002";
            message = "the request body is over the server's size limit";
          }
        }
      }
      case SERVICE_UNAVAILABLE -> {
        code = "ERR_SERVICE_001";
        message = "service unavailable";
      }
      default -> {
        if (stoppedWork(context.getRootCause().orElse(null))) {
          // A request caught by a stop finds an executor already shut down: nothing was done, and
          // another instance can take it (a 503, never a 500).
          response.status(HttpStatus.SERVICE_UNAVAILABLE);
          code = "ERR_SERVICE_001";
          message = "the service is shutting down";
        } else if (status.getCode() < 500) {
          code = "ERR_INVALID_001";
          message = "the request was rejected: " + status.getReason();
        } else {
          code = "ERR_INTERNAL_001";
          message = "internal error; quote the request_id to the operator";
          context
              .getRootCause()
              .ifPresent(
                  cause ->
                      LOG.error(
                          "{} {} failed, request {}",
                          request.getMethodName(),
                          request.getPath(),
                          Exchange.requestId(request),
                          cause));
        }
      }
    }
    // A request the HTTP decoder refused (request line or header fields over their limits, or
    // unparsable) is answered here without passing the filters: the header is set here too, and
    // set, not added, so that RequestIdFilter setting it again leaves one.
    response.getHeaders().set(Exchange.REQUEST_ID_HEADER, Exchange.requestId(request).toString());
    return response
        .contentType(MediaType.APPLICATION_JSON_TYPE)
        .body(exchange.failure(request, code, message));
  }

  /** Why Netty's HTTP decoder refused {@code request}, if it did; null otherwise. */
  private static Throwable decoderFailure(HttpRequest<?> request) {
    return request instanceof AbstractNettyHttpRequest<?> netty
        ? netty.getNettyRequest().decoderResult().cause()
        : null;
  }

  /**
   * A body that does not decode as its {@code Content-Encoding} says: the client's error, like a
   * body that is not JSON (400 ERR_INVALID_001, never a 500). Handled here, not left to the
   * framework: its default path logs every such request at ERROR with a stack trace, and any
   * anonymous client can send one (to {@code /auth}).
   */
  @Singleton
  @Produces
  static final class Undecodable
      implements ExceptionHandler<DecompressionException, HttpResponse<Envelope>> {
    private final Exchange exchange;

    Undecodable(Exchange exchange) {
      this.exchange = exchange;
    }

    @Override
    @SuppressWarnings("rawtypes") // ExceptionHandler declares the raw type
    public HttpResponse<Envelope> handle(HttpRequest request, DecompressionException e) {
      return exchange.error(request, HttpStatus.BAD_REQUEST, "ERR_INVALID_001", UNDECODABLE);
    }
  }

  private static final String UNDECODABLE =
      "the request body does not decode as its Content-Encoding says";

  private static boolean stoppedWork(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof RejectedExecutionException) return true;
    }
    return false;
  }
}
