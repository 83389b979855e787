package dev.todo.rest.todo;

import dev.todo.rest.error.Problem;
import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI description of each todo operation, written once and shared by its v1 and v2 routes: parameters, body
 * and every answer. A route adds only its {@code @Operation}. Parameters of several routes are defined in
 * src/main/openapi/components.yml.
 */
final class ApiDocs {

    private static final String REQUEST_ID = "X-Request-Id";
    /** Every response carries it (micronaut-openapi writes a schema beside a $ref to components.headers). */
    private static final String REQUEST_ID_DESCRIPTION = "The request's id: the request's own X-Request-Id when it "
            + "is 1 to 128 characters of A-Z a-z 0-9 . _ : @ | / + = -, else a new UUID. The service's log lines for "
            + "the request, and a problem's request_id, carry it.";
    private static final String PROBLEM = Problem.MEDIA_TYPE;
    private static final String JSON = MediaType.APPLICATION_JSON;

    private ApiDocs() {
    }

    /** The v1 routes' tag, and the tenant header. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Tag(name = "todos", description = "The todos of the tenant.")
    @Parameter(name = "X-User-ID", in = ParameterIn.HEADER, ref = "#/components/parameters/TenantHeader")
    @interface V1 {
    }

    /** The v2 routes' tag, and the tenant header. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Tag(name = "todos (v2)", description = "The seed's v2 routes: the tenant's todos under /api/{user_id}/tasks.")
    @Parameter(name = "X-User-ID", in = ParameterIn.HEADER, ref = "#/components/parameters/TenantHeader")
    @interface V2 {
    }

    /** A v2 route's tenant, which is its {user_id} path parameter too. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(name = "user_id", in = ParameterIn.PATH, required = true,
            description = "The tenant, percent-encoded; it must be the request's tenant (otherwise 403 FORBIDDEN).")
    @Schema(type = "string", minLength = 1, maxLength = 128, pattern = "^[A-Za-z0-9._:@|-]{1,128}$")
    @interface UserId {
    }

    /** The {id} path parameter of a todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(name = "id", in = ParameterIn.PATH, required = true,
            description = "The todo's id. Not a UUID: 400 VALIDATION_ERROR.",
            schema = @Schema(type = "string", format = "uuid"))
    @interface TodoId {
    }

    /** POST a new todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Common
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKeyHeader")
    @RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = TodoCreateRequest.class)))
    @ApiResponse(responseCode = "201", description = "Created.",
            headers = {
                @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION, schema = @Schema(type = "string")),
                @Header(name = "Location", description = "The new todo's URL", schema = @Schema(type = "string")),
                @Header(name = "ETag", description = "The todo's version, a strong entity tag such as \"1\"",
                        schema = @Schema(type = "string"))},
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TodoResponse.class)))
    @Conflict
    @BodyProblems
    @interface Create {
    }

    /** GET the list, whole or paged. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Common
    // Defined in components.yml: micronaut-openapi writes a method-level parameter's schema as type: object.
    @Parameter(name = "limit", in = ParameterIn.QUERY, ref = "#/components/parameters/ListLimit")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, ref = "#/components/parameters/ListCursor")
    @Parameter(name = "completed", in = ParameterIn.QUERY, ref = "#/components/parameters/ListCompleted")
    @Parameter(name = "sort", in = ParameterIn.QUERY, ref = "#/components/parameters/ListSort")
    @ApiResponse(responseCode = "200", description = "Without limit: every todo, {items, count}. With limit: one "
            + "page, {items, count, next_cursor}, and a Link header to the next page while more remain.",
            headers = {
                @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION, schema = @Schema(type = "string")),
                @Header(name = "Link", description = "<…>; rel=\"next\": the next page (paging only)",
                    schema = @Schema(type = "string"))},
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TodoPageResponse.class)))
    @ApiResponse(responseCode = "413", description = "LIST_TOO_LARGE: without limit, the list would hold more todos "
            + "than one answer may (TODO_LIST_MAX_UNPAGED, 1,000 by default); read it page by page with limit.",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface List {
    }

    /** GET the change feed. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Common
    @Parameter(name = "since", in = ParameterIn.QUERY, ref = "#/components/parameters/ChangesSince")
    @Parameter(name = "limit", in = ParameterIn.QUERY, ref = "#/components/parameters/ChangesLimit")
    @ApiResponse(responseCode = "200", description = "The changes.",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ChangesResponse.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "410", description = "SYNC_TOKEN_EXPIRED: the token is older than the deletions the "
            + "service remembers (TODO_TOMBSTONE_RETENTION); sync again from the beginning, without since.",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface Changes {
    }

    /** POST clear-completed. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Common
    @Parameter(name = "Idempotency-Key", in = ParameterIn.HEADER, ref = "#/components/parameters/IdempotencyKeyHeader")
    @ApiResponse(responseCode = "200", description = "How many were deleted.",
            content = @Content(mediaType = JSON, schema = @Schema(implementation = ClearedResponse.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @Conflict
    @Unprocessable
    @interface ClearCompleted {
    }

    /** GET one todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Common
    @Parameter(name = "If-None-Match", in = ParameterIn.HEADER, ref = "#/components/parameters/IfNoneMatchHeader")
    @OneTodo
    @ApiResponse(responseCode = "304", description = "Not modified: If-None-Match names the todo's current ETag. "
            + "No body.",
            headers = {
                @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION, schema = @Schema(type = "string")),
                @Header(name = "ETag", description = "The todo's current version", schema = @Schema(type = "string"))})
    @NotFound
    @interface Read {
    }

    /** PATCH a todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @RequestBody(required = true, content = {
        @Content(mediaType = JSON, schema = @Schema(implementation = TodoPatchRequest.class)),
        @Content(mediaType = TodoRequests.MERGE_PATCH, schema = @Schema(implementation = TodoPatchRequest.class))})
    @Write
    @OneTodo
    @BodyProblems
    @interface Patch {
    }

    /** PUT a todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @RequestBody(required = true, content = @Content(mediaType = JSON,
            schema = @Schema(implementation = TodoReplaceRequest.class)))
    @Write
    @OneTodo
    @BodyProblems
    @interface Replace {
    }

    /** PATCH …/complete (v2). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Write
    @OneTodo
    @interface Toggle {
    }

    /** DELETE a todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Write
    @ApiResponse(responseCode = "204", description = "Deleted; no body.",
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface Delete {
    }

    /** 404 on the v2 collection: a user_id that is empty or holds a /, so that the path names no route at all. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: the path names no route (an empty user_id, or one "
            + "with an unencoded /).",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface NoSuchRoute {
    }

    /** A conditional write of one todo: If-Match, and 404 or 412. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.ANNOTATION_TYPE)
    @Common
    @Parameter(name = "If-Match", in = ParameterIn.HEADER, ref = "#/components/parameters/IfMatchHeader")
    @NotFound
    @ApiResponse(responseCode = "412", description = "PRECONDITION_FAILED: the todo no longer has the If-Match "
            + "version (someone changed it since); nothing was changed. Read it again.",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface Write {
    }

    /** 200 with one todo and its ETag. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.ANNOTATION_TYPE)
    @ApiResponse(responseCode = "200", description = "The todo.",
            headers = {
                @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION, schema = @Schema(type = "string")),
                @Header(name = "ETag", description = "The todo's version, a strong entity tag such as \"3\"",
                    schema = @Schema(type = "string"))},
            content = @Content(mediaType = JSON, schema = @Schema(implementation = TodoResponse.class)))
    @interface OneTodo {
    }

    /** 404: no such todo for this tenant. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.ANNOTATION_TYPE)
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: the tenant has no todo with this id (another "
            + "tenant's todo is not found either).",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface NotFound {
    }

    /** 409: the tenant is at its quota, or the same Idempotency-Key is in flight. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.ANNOTATION_TYPE)
    @ApiResponse(responseCode = "409", description = "QUOTA_EXCEEDED: the tenant already has as many todos as it may "
            + "have (TODO_TENANT_MAX_TODOS). IDEMPOTENCY_KEY_IN_FLIGHT: a request with the same Idempotency-Key is "
            + "still running; retry it when it has finished.",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface Conflict {
    }

    /** 422: the body breaks a rule. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.ANNOTATION_TYPE)
    @ApiResponse(responseCode = "422", description = "VALIDATION_ERROR: the body is missing or is not an object, "
            + "or members are missing, null where not allowed, of the wrong type, too long, blank, duplicated or "
            + "unknown; field_errors lists every one. IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was used before "
            + "for a different request.",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface Unprocessable {
    }

    /** 413, 415 and 422: what a JSON body can get wrong. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.ANNOTATION_TYPE)
    @ApiResponse(responseCode = "413", description = "PAYLOAD_TOO_LARGE: the body is larger than 64 KiB.",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "415", description = "UNSUPPORTED_MEDIA_TYPE: the body is not application/json "
            + "(or another +json type), or it has a Content-Encoding other than identity (request bodies are never "
            + "compressed).",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @Unprocessable
    @interface BodyProblems {
    }

    /** The problems every route can answer with. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.ANNOTATION_TYPE)
    @ApiResponses({
        @ApiResponse(responseCode = "400", description = "MISSING_USER_CONTEXT: no X-User-ID. VALIDATION_ERROR: a "
                + "malformed X-User-ID, a path id that is not a UUID, or a body that is not well-formed JSON.",
                content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
                headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                        schema = @Schema(type = "string"))),
        @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED (jwt mode): no bearer token, or one that is "
                + "malformed, expired, not yet valid, wrongly signed, from another issuer or for another audience; an "
                + "X-User-ID without a token is not trusted either.",
                headers = {
                        @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                                schema = @Schema(type = "string")),
                        @Header(name = "WWW-Authenticate", description = "Bearer realm=\"todo\", with RFC 6750 "
                                + "error=\"invalid_token\" and error_description when a token was sent",
                                schema = @Schema(type = "string"))},
                content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class))),
        @ApiResponse(responseCode = "403", description = "FORBIDDEN (jwt mode): an X-User-ID that is not the token's "
                + "sub.",
                content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
                headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                        schema = @Schema(type = "string"))),
        @ApiResponse(responseCode = "405", description = "METHOD_NOT_ALLOWED: the route has no such method.",
                content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
                headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                        schema = @Schema(type = "string"))),
        @ApiResponse(responseCode = "406", description = "NOT_ACCEPTABLE: the Accept header excludes JSON "
                + "(nothing matches application/json or application/problem+json, or application/json has q=0). "
                + "Accept: application/problem+json alone is served, with successes as application/json.",
                content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
                headers = @Header(name = REQUEST_ID, description = REQUEST_ID_DESCRIPTION,
                        schema = @Schema(type = "string"))),
        // No X-Request-Id: a request that cannot be read passes no filter, and has no id (request_id is null).
        @ApiResponse(responseCode = "414", description = "URI_TOO_LONG: the request line is longer than 8 KiB.",
                content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class))),
        // No X-Request-Id: a request that cannot be read passes no filter, and has no id (request_id is null).
        @ApiResponse(responseCode = "431", description = "HEADERS_TOO_LARGE: the headers are larger than 16 KiB.",
                content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class))),
        @ApiResponse(responseCode = "500", description = "INTERNAL_ERROR: a defect; the body holds no detail.",
                content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)),
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
                content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = Problem.class)))
    })
    @interface Common {
    }
}
