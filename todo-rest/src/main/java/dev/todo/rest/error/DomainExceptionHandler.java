package dev.todo.rest.error;

import dev.todo.domain.model.ChangesForgottenException;
import dev.todo.domain.model.ListTooLargeException;
import dev.todo.domain.model.DomainException;
import dev.todo.domain.model.IdempotencyKeyInFlightException;
import dev.todo.domain.model.IdempotencyKeyReusedException;
import dev.todo.domain.model.QuotaExceededException;
import dev.todo.domain.model.TagNotFoundException;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.model.VersionMismatchException;
import dev.todo.domain.model.StorageBusyException;
import dev.todo.domain.model.StorageUnavailableException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns the errors the domain raises on purpose into problem responses. */
@Produces
@Singleton
final class DomainExceptionHandler implements ExceptionHandler<DomainException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(DomainExceptionHandler.class);
    /** Seconds a client should wait before retrying when the service is busy: a busy spell is short. */
    static final String BUSY_RETRY_AFTER_SECONDS = "1";

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DomainException e) {
        if (e instanceof TodoNotFoundException) {
            return ProblemResponses.problem(ErrorCode.NOT_FOUND, "Todo not found");
        }
        if (e instanceof TagNotFoundException) {
            return ProblemResponses.problem(ErrorCode.NOT_FOUND, "Tag not found: no todo carries it");
        }
        if (e instanceof QuotaExceededException quota) {
            return ProblemResponses.problem(ErrorCode.QUOTA_EXCEEDED, "The tenant already has " + quota.limit()
                    + " todos, the most it may have. Delete some first.");
        }
        if (e instanceof IdempotencyKeyInFlightException) {
            return ProblemResponses.problem(ErrorCode.IDEMPOTENCY_KEY_IN_FLIGHT,
                    "A request with this Idempotency-Key is still being processed. Retry when it has finished.")
                    .header(HttpHeaders.RETRY_AFTER, "1");
        }
        if (e instanceof IdempotencyKeyReusedException) {
            return ProblemResponses.problem(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a different request. Use a new key for a new request.");
        }
        if (e instanceof ListTooLargeException tooLarge) {
            return ProblemResponses.problem(ErrorCode.LIST_TOO_LARGE, "The list holds more than "
                    + tooLarge.limit() + " todos, the most one answer may hold. Read it page by page with limit "
                    + "(and cursor).");
        }
        if (e instanceof ChangesForgottenException) {
            return ProblemResponses.problem(ErrorCode.SYNC_TOKEN_EXPIRED, "The sync token is older than the "
                    + "deletions the service remembers. Sync again from the beginning, without since.");
        }
        if (e instanceof VersionMismatchException) {
            return ProblemResponses.problem(ErrorCode.PRECONDITION_FAILED,
                    "The todo has changed since the If-Match version; read it again. Nothing was changed.");
        }
        if (e instanceof ValidationException invalid) {
            List<FieldError> fields = invalid.violations().stream()
                    .map(v -> new FieldError(v.field(), v.message())).toList();
            return ProblemResponses.problem(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_ERROR,
                    ProblemResponses.describe(fields), fields);
        }
        if (e instanceof StorageBusyException) {
            MutableHttpResponse<Problem> busy = ProblemResponses.problem(ErrorCode.SERVICE_BUSY, "Every database "
                    + "connection is busy with other requests, and this one waited its turn for too long. Nothing was "
                    + "done. Retry in a moment.");
            busy.getHeaders().set(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER_SECONDS);
            return busy;
        }
        if (e instanceof StorageUnavailableException) {
            LOG.warn("Database unavailable: {}", e.getCause() == null ? e.getMessage() : e.getCause().toString());
            return ProblemResponses.problem(ErrorCode.SERVICE_UNAVAILABLE,
                    "The service cannot reach its database. Retry later.");
        }
        LOG.error("Unmapped domain error", e);
        return ProblemResponses.problem(ErrorCode.INTERNAL_ERROR, "An unexpected error occurred.");
    }
}
