package dev.todo.rest.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.List;

/** Builds every problem response of the API, so that they all have one shape and one media type. */
public final class ProblemResponses {

    /** Seconds a client should wait before retrying when the database is unavailable. */
    static final String RETRY_AFTER_SECONDS = "5";

    private ProblemResponses() {
    }

    /** The response, with {@code Retry-After} when the service is unavailable. */
    public static MutableHttpResponse<Problem> problem(HttpStatus status, ErrorCode code, String detail,
                                                       List<FieldError> fieldErrors) {
        return fill(HttpResponse.status(status), code, detail, fieldErrors);
    }

    /** Makes a response the framework prepared into a problem response, keeping its status and headers. */
    static MutableHttpResponse<Problem> fill(MutableHttpResponse<?> response, ErrorCode code, String detail,
                                            List<FieldError> fieldErrors) {
        int status = response.code();
        boolean truncated = fieldErrors.size() > Problem.MAX_FIELD_ERRORS;
        MutableHttpResponse<Problem> problem = response
                .body(new Problem(code.type(), code.title(), status, detail, code.name(),
                        truncated ? fieldErrors.subList(0, Problem.MAX_FIELD_ERRORS) : fieldErrors, null,
                        truncated ? Boolean.TRUE : null))
                .contentType(Problem.MEDIA_TYPE);
        if (status == HttpStatus.SERVICE_UNAVAILABLE.getCode()) {
            problem.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return problem;
    }

    /** The response, with the code's usual status. */
    public static MutableHttpResponse<Problem> problem(ErrorCode code, String detail) {
        return problem(code.status(), code, detail, List.of());
    }

    static String describe(List<FieldError> fieldErrors) {
        if (fieldErrors.size() > Problem.MAX_FIELD_ERRORS) {
            return "The request has " + fieldErrors.size() + " invalid fields; the first " + Problem.MAX_FIELD_ERRORS
                    + " are listed.";
        }
        return fieldErrors.size() == 1
                ? "The request has 1 invalid field."
                : "The request has " + fieldErrors.size() + " invalid fields.";
    }
}
