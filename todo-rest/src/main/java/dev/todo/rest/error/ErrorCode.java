package dev.todo.rest.error;

import io.micronaut.http.HttpStatus;

/**
 * The machine-readable codes of problem responses ({@code error_code}), each with its HTTP status and title. Clients
 * branch on the code; the title and detail are for humans.
 */
public enum ErrorCode {
    /** The request is malformed or a field breaks a rule. 400 or 422, so the status is chosen per use. */
    VALIDATION_ERROR(HttpStatus.UNPROCESSABLE_ENTITY, "Validation failed"),
    /** No tenant was named. */
    MISSING_USER_CONTEXT(HttpStatus.BAD_REQUEST, "Missing user context"),
    /** No valid bearer token (jwt mode). The response carries WWW-Authenticate. */
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Unauthenticated"),
    /**
     * The request is understood but refused: an X-User-ID that is not the token's subject, or a cross-origin
     * request from an origin that is not allowed.
     */
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
    /** No such resource for this tenant, or no such route. */
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    /** The route exists but not with this method. */
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    /** The route cannot produce any media type the client accepts. */
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    /** The tenant already has as many todos as it may have. */
    QUOTA_EXCEEDED(HttpStatus.CONFLICT, "Quota exceeded"),
    /** A request with the same Idempotency-Key is still being processed; retry when it has finished. */
    IDEMPOTENCY_KEY_IN_FLIGHT(HttpStatus.CONFLICT, "Idempotency key in flight"),
    /** The Idempotency-Key was first used for a different request; nothing was done. */
    IDEMPOTENCY_KEY_REUSED(HttpStatus.UNPROCESSABLE_ENTITY, "Idempotency key reused"),
    /** The sync token is older than the deletions the service still remembers; sync again from the beginning. */
    SYNC_TOKEN_EXPIRED(HttpStatus.GONE, "Sync token expired"),
    /** A conditional write (If-Match) found the todo changed since the client read it; nothing was changed. */
    PRECONDITION_FAILED(HttpStatus.PRECONDITION_FAILED, "Precondition failed"),
    /** The body is not JSON. */
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    /** The body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Payload too large"),
    /** The request line (method, path and query) is longer than the server reads. */
    URI_TOO_LONG(HttpStatus.REQUEST_URI_TOO_LONG, "URI too long"),
    /** The request's headers are larger than the server reads. */
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large"),
    /** The Host header names a host this service does not answer for (TODO_ALLOWED_HOSTS; DNS rebinding). */
    HOST_NOT_ALLOWED(HttpStatus.BAD_REQUEST, "Host not allowed"),
    /** Any other request the server refuses to process. */
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "Bad request"),
    /** A list without a page size would hold more todos than one answer may (ADR 0028); read it page by page. */
    LIST_TOO_LARGE(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "List too large"),
    /** As many unpaged lists as the service builds at once are being built (ADR 0028); retry shortly. */
    LIST_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Too many lists at once"),
    /**
     * Every database connection stayed busy with other requests for longer than a request may wait for one; nothing
     * was done; retry shortly.
     */
    SERVICE_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Service busy"),
    /** The database cannot be reached; retry later. */
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    /** A defect on the server. */
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error");

    private final HttpStatus status;
    private final String title;

    ErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    /** The status this code is usually sent with. */
    public HttpStatus status() {
        return status;
    }

    /** A short summary that does not change from occurrence to occurrence. */
    public String title() {
        return title;
    }

    /** The problem type URI of this code: a relative reference, {@code /problems/validation-error}. */
    public String type() {
        return "/problems/" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The code a framework-generated error of this status gets. */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_ERROR;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 431 -> HEADERS_TOO_LARGE;
            case 422 -> VALIDATION_ERROR;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}
