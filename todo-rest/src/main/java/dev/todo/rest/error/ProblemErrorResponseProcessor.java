package dev.todo.rest.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives the framework's own errors (no route, wrong method, body too large, an exception nobody handled, …) the same
 * problem shape as the API's. The detail is written here per status and never copied from an exception, so nothing
 * internal reaches the client.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemErrorResponseProcessor.class);
    private static final String ANNOUNCED = ProblemErrorResponseProcessor.class.getName() + ".announced";

    private final ApplicationEventPublisher<UndecodableRequest> undecodable;

    ProblemErrorResponseProcessor(ApplicationEventPublisher<UndecodableRequest> undecodable) {
        this.undecodable = undecodable;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        // Netty reports an over-long request line or header block as a frame too long, which the framework
        // answers 413 as if it were the body; say precisely which part was too large.
        Throwable cause = decodingFailure(context.getRequest());
        @Nullable String detail = null;
        if (cause instanceof RefusedRequestException refused) {
            response.status(refused.status());
            detail = refused.detail();
        } else if (cause instanceof TooLongHttpLineException) {
            response.status(HttpStatus.REQUEST_URI_TOO_LONG);
        } else if (cause instanceof TooLongHttpHeaderException) {
            response.status(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        }
        HttpStatus status = response.status();
        if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            context.getRootCause().ifPresent(defect -> logDefect(context.getRequest(), defect));
        }
        MutableHttpResponse<Problem> problem = ProblemResponses.fill(response, ErrorCode.forStatus(status.getCode()),
                detail != null ? detail : detail(status), List.of());
        if (cause != null && context.getRequest().getAttribute(ANNOUNCED).isEmpty()) {
            // Answered without filters: the request log and the metrics hear of it here, and give it a request id.
            context.getRequest().setAttribute(ANNOUNCED, true);
            undecodable.publishEvent(new UndecodableRequest(context.getRequest(), problem));
        }
        return problem;
    }

    /** Logs an exception no handler answered with the request's id (the framework's own line has none). */
    private static void logDefect(HttpRequest<?> request, Throwable defect) {
        String id = request.getAttribute(Problem.REQUEST_ID_ATTRIBUTE, String.class).orElse("-");
        try (MDC.MDCCloseable ignored = MDC.putCloseable(Problem.REQUEST_ID_LOG_KEY, id)) {
            // The method only: a path may hold a tenant; the request log's line with the same id has the route.
            LOG.error("Unexpected error answering a {} request", request.getMethodName(), defect);
        }
    }

    /** The reason Netty could not decode the request, if it could not; the framework does not pass it on. */
    private static @Nullable Throwable decodingFailure(HttpRequest<?> request) {
        if (request instanceof NettyHttpRequest<?> netty && netty.getNativeRequest().decoderResult().isFailure()) {
            return netty.getNativeRequest().decoderResult().cause();
        }
        return null;
    }

    private static String detail(HttpStatus status) {
        return switch (status.getCode()) {
            case 400 -> "The request is malformed.";
            case 401 -> "A valid bearer token is required.";
            case 403 -> "The request is not allowed.";
            case 404 -> "The requested resource was not found.";
            case 405 -> "The resource does not support this method.";
            case 406 -> "The resource cannot produce a media type the request accepts.";
            case 412 -> "A precondition of the request does not hold.";
            case 413 -> "The request body is larger than 64 KiB.";
            case 414 -> "The request line is longer than 8 KiB.";
            case 431 -> "The request headers are larger than 16 KiB.";
            case 415 -> "The request body must be application/json.";
            case 503 -> "The service is unavailable. Retry later.";
            default -> status.getCode() >= 500 ? "An unexpected error occurred." : "The request was refused.";
        };
    }
}
