package dev.todo.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An error response: RFC 9457 problem details plus {@code error_code} and {@code field_errors}. It never holds a
 * stack trace, SQL or a class name.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Problem(
        String type, String title, int status, String detail,
        @JsonProperty("error_code") String errorCode,
        @JsonProperty("field_errors") List<FieldError> fieldErrors,
        @io.micronaut.core.annotation.Nullable @JsonProperty("request_id") String requestId,
        @io.micronaut.core.annotation.Nullable @JsonInclude(JsonInclude.Include.NON_NULL)
        @JsonProperty("field_errors_truncated") Boolean fieldErrorsTruncated) {

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
