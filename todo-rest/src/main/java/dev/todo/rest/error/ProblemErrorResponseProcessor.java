package dev.todo.rest.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Gives the framework's own errors (no route, wrong method, body too large, an exception nobody handled, …) the same
 * problem shape as the API's. The detail is written here per status and never copied from an exception, so nothing
 * internal reaches the client.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.status();
        return ProblemResponses.fill(response, ErrorCode.forStatus(status.getCode()), detail(status), List.of());
    }

    private static String detail(HttpStatus status) {
        return switch (status.getCode()) {
            case 400 -> "The request is malformed.";
            case 403 -> "The request is not allowed.";
            case 404 -> "The requested resource was not found.";
            case 405 -> "The resource does not support this method.";
            case 406 -> "The resource cannot produce a media type the request accepts.";
            case 413 -> "The request body is larger than 64 KiB.";
            case 415 -> "The request body must be application/json.";
            case 503 -> "The service is unavailable. Retry later.";
            default -> status.getCode() >= 500 ? "An unexpected error occurred." : "The request was refused.";
        };
    }
}
