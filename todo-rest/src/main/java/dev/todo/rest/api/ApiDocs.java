package dev.todo.rest.api;

import dev.todo.rest.error.Problem;
import dev.todo.rest.todo.TodoResponse;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The parts of the OpenAPI document every route shares, as annotations, so that each is written once: the tenant
 * header, the todo id path parameter and the problem responses.
 */
public final class ApiDocs {

    /** The response header that carries the request's id (set on every response by RequestLog). */
    public static final String REQUEST_ID = "X-Request-Id";
    /**
     * Its description, which every response of the document carries. (A header of components.headers referred to
     * with {@code ref} is not possible: micronaut-openapi writes a schema beside the $ref.)
     */
    public static final String REQUEST_ID_DESCRIPTION = "The request's id: the request's own X-Request-Id when it "
            + "is 1 to 128 characters of A-Z a-z 0-9 . _ : @ | / + = -, else a new UUID. The service's log lines for "
            + "the request, and a problem's request_id, carry it.";

    private ApiDocs() {
    }

    /** The tenant header of every /api route (defined in src/main/openapi/components.yml). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "X-User-ID", in = ParameterIn.HEADER, ref = "#/components/parameters/TenantHeader")
    public @interface TenantHeader {
    }

    /** If-Match on a write (defined in src/main/openapi/components.yml). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, ref = "#/components/parameters/IfMatchHeader")
    public @interface IfMatchHeader {
    }

    /** Idempotency-Key on a POST (defined in src/main/openapi/components.yml). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKeyHeader")
    public @interface IdempotencyKeyHeader {
    }

    /** If-None-Match on a read (defined in src/main/openapi/components.yml). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, ref = "#/components/parameters/IfNoneMatchHeader")
    public @interface IfNoneMatchHeader {
    }

    /** 200 with one todo and its ETag. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "200", description = "The todo.",
            headers = {
                @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION, schema = @Schema(type = "string")),
                @Header(name = "ETag", description = "The todo's version, a strong entity tag such as \"3\"",
                    schema = @Schema(type = "string"))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TodoResponse.class)))
    public @interface OneTodo {
    }

    /** 304: the client's copy is current. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match names the todo's current ETag. "
            + "No body.",
            headers = {
                @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION, schema = @Schema(type = "string")),
                @Header(name = "ETag", description = "The todo's current version",
                    schema = @Schema(type = "string"))})
    public @interface NotModified {
    }

    /** 409: the tenant is at its quota. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "409", description = "QUOTA_EXCEEDED: the tenant already has as many todos as it may "
            + "have (TODO_TENANT_MAX_TODOS). IDEMPOTENCY_KEY_IN_FLIGHT: a request with the same Idempotency-Key is "
            + "still running; retry it when it has finished.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    public @interface Conflict {
    }

    /** 410: the sync token is too old. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "410", description = "SYNC_TOKEN_EXPIRED: the token is older than the deletions the "
            + "service remembers (TODO_TOMBSTONE_RETENTION); sync again from the beginning, without since.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    public @interface Gone {
    }

    /** 412: If-Match names a version the todo no longer has. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: the todo no longer has the If-Match "
            + "version (someone changed it since); nothing was changed. Read it again.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    public @interface PreconditionFailed {
    }

    /**
     * The query parameters of the list routes (defined in src/main/openapi/components.yml: micronaut-openapi writes
     * the schema of a method-level parameter without a method argument as {@code type: object}).
     */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "limit", in = ParameterIn.QUERY, ref = "#/components/parameters/ListLimit")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, ref = "#/components/parameters/ListCursor")
    @Parameter(name = "completed", in = ParameterIn.QUERY, ref = "#/components/parameters/ListCompleted")
    @Parameter(name = "sort", in = ParameterIn.QUERY, ref = "#/components/parameters/ListSort")
    public @interface ListParameters {
    }

    /** The query parameters of the change feed (defined in src/main/openapi/components.yml). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "since", in = ParameterIn.QUERY, ref = "#/components/parameters/ChangesSince")
    @Parameter(name = "limit", in = ParameterIn.QUERY, ref = "#/components/parameters/ChangesLimit")
    public @interface ChangesParameters {
    }

    /** The {id} path parameter of a todo. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
    @Parameter(name = "id", in = ParameterIn.PATH, required = true,
            description = "The todo's id. Not a UUID: 400 VALIDATION_ERROR.",
            schema = @Schema(type = "string", format = "uuid"))
    public @interface TodoIdPath {
    }

    /** 400: a missing or malformed X-User-ID, a path id that is not a UUID, or a body that is not JSON. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "400", description = "MISSING_USER_CONTEXT: no X-User-ID. VALIDATION_ERROR: a "
            + "malformed X-User-ID, a path id that is not a UUID, or a body that is not well-formed JSON.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    public @interface BadRequest {
    }

    /** 404: no such todo for this tenant. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: the tenant has no todo with this id (another "
            + "tenant's todo is not found either).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    public @interface NotFound {
    }

    /** 413: the body is over 64 KiB. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE: the body is larger than 64 KiB.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    public @interface PayloadTooLarge {
    }

    /** 413: a list without limit would hold more todos than one answer may (ADR 0028). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "413", description = "LIST_TOO_LARGE: without limit, the list would hold more todos "
            + "than one answer may (TODO_LIST_MAX_UNPAGED, 1,000 by default); read it page by page with limit.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    public @interface ListTooLarge {
    }

    /** 415: the body is not application/json. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "415", description = "UNSUPPORTED_MEDIA_TYPE: the body is not application/json "
            + "(or another +json type), or it has a Content-Encoding other than identity (request bodies are never "
            + "compressed).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    public @interface UnsupportedMediaType {
    }

    /** 422: the body breaks a rule. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponse(responseCode = "422", description = "VALIDATION_ERROR: the body is missing or is not an object, "
            + "or members are missing, null where not allowed, of the wrong type, too long, blank, duplicated or "
            + "unknown; field_errors lists every one. IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used before "
            + "for a different request.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    public @interface Unprocessable {
    }

    /** The problems every route can answer with. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiResponses({
        @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED (jwt mode): no bearer token, or one that is "
                + "malformed, expired, not yet valid, wrongly signed, from another issuer or for another audience; an "
                + "X-User-ID without a token is not trusted either.",
                headers = {
                        @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                                schema = @Schema(type = "string")),
                        @Header(name = "WWW-Authenticate", description = "Bearer realm=\"todo\", with RFC 6750 "
                                + "error=\"invalid_token\" and error_description when a token was sent",
                                schema = @Schema(type = "string"))},
                content = @Content(mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class))),
        @ApiResponse(responseCode = "403", description = "FORBIDDEN (jwt mode): an X-User-ID that is not the token's "
                + "sub.",
                content = @Content(mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class)),
                headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                        schema = @Schema(type = "string"))),
        @ApiResponse(responseCode = "405", description = "METHOD_NOT_ALLOWED: the route has no such method.",
                content = @Content(mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class)),
                headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                        schema = @Schema(type = "string"))),
        @ApiResponse(responseCode = "406", description = "NOT_ACCEPTABLE: the Accept header excludes JSON "
                + "(nothing matches application/json or application/problem+json, or application/json has q=0). "
                + "Accept: application/problem+json alone is served, with successes as application/json.",
                content = @Content(mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class)),
                headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                        schema = @Schema(type = "string"))),
        // No X-Request-Id: a request that cannot be read passes no filter, and has no id (request_id is null).
        @ApiResponse(responseCode = "414", description = "URI_TOO_LONG: the request line is longer than 8 KiB.",
                content = @Content(mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class))),
        // No X-Request-Id: a request that cannot be read passes no filter, and has no id (request_id is null).
        @ApiResponse(responseCode = "431", description = "HEADERS_TOO_LARGE: the headers are larger than 16 KiB.",
                content = @Content(mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class))),
        @ApiResponse(responseCode = "500", description = "INTERNAL_ERROR: a defect; the body holds no detail.",
                content = @Content(mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class)),
                headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                        schema = @Schema(type = "string"))),
        @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: the database, or in jwt mode the "
                + "identity provider's key set, cannot be reached; retry after the given seconds. LIST_BUSY (a list "
                + "without limit only): as many such lists as the service builds at once are being built "
                + "(TODO_LIST_MAX_CONCURRENT); retry after the given seconds, or page with limit.",
                headers = {
                        @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                                schema = @Schema(type = "string")),
                        @Header(name = "Retry-After", description = "Seconds to wait before retrying.",
                                schema = @Schema(type = "integer"))},
                content = @Content(mediaType = Problem.MEDIA_TYPE,
                        schema = @Schema(implementation = Problem.class)))
    })
    public @interface Common {
    }
}
