package dev.todo.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * An error response: RFC 9457 problem details plus {@code error_code} and {@code field_errors}. It never holds a
 * stack trace, SQL or a class name.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Problem", description = "An error (RFC 9457 problem details, with the seed's error_code and "
        + "field_errors). Sent as application/problem+json.",
        requiredProperties = {"type", "title", "status", "detail", "error_code", "field_errors", "request_id"})
public record Problem(
        @Schema(description = "A URI reference naming the kind of problem.", example = "/problems/validation-error")
        String type,
        @Schema(description = "A summary of the kind of problem.", example = "Validation failed")
        String title,
        @Schema(description = "The HTTP status.", example = "422")
        int status,
        @Schema(description = "What went wrong this time.", example = "The request has 1 invalid field.")
        String detail,
        @JsonProperty("error_code")
        @Schema(type = "string", description = "The machine-readable code.", example = "VALIDATION_ERROR",
                allowableValues = {"VALIDATION_ERROR", "MISSING_USER_CONTEXT", "UNAUTHENTICATED",
                    "FORBIDDEN", "NOT_FOUND", "METHOD_NOT_ALLOWED", "NOT_ACCEPTABLE", "QUOTA_EXCEEDED",
                    "IDEMPOTENCY_KEY_IN_FLIGHT", "IDEMPOTENCY_KEY_REUSED",
                    "SYNC_TOKEN_EXPIRED", "PRECONDITION_FAILED", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE",
                    "URI_TOO_LONG", "HEADERS_TOO_LARGE", "HOST_NOT_ALLOWED", "BAD_REQUEST", "LIST_TOO_LARGE",
                    "LIST_BUSY", "SERVICE_UNAVAILABLE", "INTERNAL_ERROR"})
        String errorCode,
        @JsonProperty("field_errors")
        @Schema(description = "The bad input fields; empty when the problem is not about a field.")
        List<FieldError> fieldErrors,
        @io.micronaut.core.annotation.Nullable
        @JsonProperty("request_id")
        @Schema(description = "The request's id, as in the X-Request-Id response header: quote it to find the request "
                + "in the service's logs.", example = "4d1c3f0a-8a52-4bde-9a1e-8f5b3c1a7e22")
        String requestId,
        @io.micronaut.core.annotation.Nullable
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("field_errors_truncated")
        @Schema(description = "Present, and true, when the request had more than 50 invalid fields and only the "
                + "first 50 are listed in field_errors; the detail gives their number.", nullable = false)
        Boolean fieldErrorsTruncated) {

    /** The most field errors a problem lists; a body with thousands of bad members does not get them all back. */
    public static final int MAX_FIELD_ERRORS = 50;

    /** Keeps an unmodifiable copy of the field errors, and the detail well-formed ({@link FieldError#wellFormed}). */
    public Problem {
        detail = FieldError.wellFormed(detail);
        fieldErrors = List.copyOf(fieldErrors);
    }

    /** A problem that lists every field error given. */
    public Problem(String type, String title, int status, String detail, String errorCode,
                   List<FieldError> fieldErrors, @io.micronaut.core.annotation.Nullable String requestId) {
        this(type, title, status, detail, errorCode, fieldErrors, requestId, null);
    }

    /** A problem without a request id (the request log adds it on the way out). */
    public Problem(String type, String title, int status, String detail, String errorCode,
                   List<FieldError> fieldErrors) {
        this(type, title, status, detail, errorCode, fieldErrors, null, null);
    }

    /** This problem, carrying the request's id. */
    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, errorCode, fieldErrors, id, fieldErrorsTruncated);
    }

    /** The media type of problem responses. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * The request attribute that holds the request's id (the request log sets it first of all filters), for the
     * places that make problems outside the request's logging context.
     */
    public static final String REQUEST_ID_ATTRIBUTE = "todo.request_id";

    /** The key of the request's id in the logging context (MDC) of every line written for the request. */
    public static final String REQUEST_ID_LOG_KEY = "request_id";
}
