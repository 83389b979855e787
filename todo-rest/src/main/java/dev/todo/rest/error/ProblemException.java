package dev.todo.rest.error;

import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Map;

/**
 * A request the REST adapter refuses before any use case runs (a missing tenant, a body that is not JSON, …),
 * answered by {@link ProblemResponses} with the problem it describes.
 */
public final class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final ErrorCode code;
    private final String detail;
    private final transient List<FieldError> fieldErrors;
    private final transient Map<String, String> headers;

    public ProblemException(HttpStatus status, ErrorCode code, String detail, List<FieldError> fieldErrors) {
        this(status, code, detail, fieldErrors, Map.of());
    }

    public ProblemException(HttpStatus status, ErrorCode code, String detail, List<FieldError> fieldErrors,
                            Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.detail = detail;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.headers = Map.copyOf(headers);
    }

    /** A 400 VALIDATION_ERROR naming one field. */
    public static ProblemException badRequest(String detail, String field, String message) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR, detail,
                List.of(new FieldError(field, message)));
    }

    /** A 422 VALIDATION_ERROR listing the fields. */
    public static ProblemException invalid(List<FieldError> fieldErrors) {
        return new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, ErrorCode.VALIDATION_ERROR,
                ProblemResponses.describe(fieldErrors), fieldErrors);
    }

    /** The HTTP status. */
    public HttpStatus status() {
        return status;
    }

    /** The error code. */
    public ErrorCode code() {
        return code;
    }

    /** What went wrong, safe to show to the client (also the exception's message). */
    public String detail() {
        return detail;
    }

    /** The response headers the problem needs; may be empty. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The bad fields; may be empty. */
    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }
}
