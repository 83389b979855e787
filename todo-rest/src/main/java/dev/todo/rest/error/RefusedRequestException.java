package dev.todo.rest.error;

import io.micronaut.http.HttpStatus;

/**
 * Why the server refused a request before decoding it as a request (its framing or its content coding): set as the
 * request's decoding failure, which the server answers with a problem of this status and detail, then closes the
 * connection. Carries no stack trace: it is an answer, not a defect.
 */
public final class RefusedRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HttpStatus status;

    public RefusedRequestException(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    /** The status to answer with. */
    public HttpStatus status() {
        return status;
    }

    /** What was wrong, safe to show the client. */
    public String detail() {
        return String.valueOf(getMessage());
    }
}
