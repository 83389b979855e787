package dev.todo.rest.todo;

import dev.todo.rest.api.ApiDocs;
import dev.todo.rest.error.Problem;
import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI description of each todo operation, written once and shared by its v1 and v2 routes: parameters, body
 * and every answer. A route adds only its {@code @Operation} (id, summary, description).
 */
final class TodoOperations {

    private TodoOperations() {
    }

    /** The v1 routes' tag. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Tag(name = "todos", description = "The todos of the tenant.")
    @interface V1 {
    }

    /** The v2 routes' tag. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Tag(name = "todos (v2)", description = "The seed's v2 routes: the tenant's todos under /api/{user_id}/tasks.")
    @interface V2 {
    }

    /** POST a new todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiDocs.TenantHeader
    @ApiDocs.IdempotencyKeyHeader
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TodoCreateRequest.class)))
    @ApiResponse(responseCode = "201", description = "Created.",
            headers = {
                @Header(name = ApiDocs.REQUEST_ID, description = ApiDocs.REQUEST_ID_DESCRIPTION,
                        schema = @Schema(type = "string")),
                @Header(name = "Location", description = "The new todo's URL", schema = @Schema(type = "string")),
                @Header(name = "ETag", description = "The todo's version, a strong entity tag such as \"1\"",
                        schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TodoResponse.class)))
    @ApiDocs.BadRequest
    @ApiDocs.Conflict
    @ApiDocs.UnsupportedMediaType
    @ApiDocs.PayloadTooLarge
    @ApiDocs.Unprocessable
    @ApiDocs.Common
    @interface Create {
    }

    /** GET the list, whole or paged. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiDocs.TenantHeader
    @ApiDocs.ListParameters
    @ApiResponse(responseCode = "200", description = "Without limit: every todo, {items, count}. With limit: one "
            + "page, {items, count, next_cursor}, and a Link header to the next page while more remain.",
            headers = {
                @Header(name = ApiDocs.REQUEST_ID, description = ApiDocs.REQUEST_ID_DESCRIPTION,
                        schema = @Schema(type = "string")),
                @Header(name = "Link", description = "<…>; rel=\"next\": the next page (paging only)",
                    schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
                    implementation = TodoPageResponse.class)))
    @ApiDocs.ListTooLarge
    @ApiDocs.BadRequest
    @ApiDocs.Common
    @interface List {
    }

    /** GET the change feed. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiDocs.TenantHeader
    @ApiDocs.ChangesParameters
    @ApiResponse(responseCode = "200", description = "The changes.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangesResponse.class)),
            headers = @Header(name = ApiDocs.REQUEST_ID, description = ApiDocs.REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @ApiDocs.BadRequest
    @ApiDocs.Gone
    @ApiDocs.Common
    @interface Changes {
    }

    /** POST clear-completed. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiDocs.TenantHeader
    @ApiDocs.IdempotencyKeyHeader
    @ApiResponse(responseCode = "200", description = "How many were deleted.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ClearedResponse.class)),
            headers = @Header(name = ApiDocs.REQUEST_ID, description = ApiDocs.REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @ApiDocs.BadRequest
    @ApiDocs.Conflict
    @ApiDocs.Unprocessable
    @ApiDocs.Common
    @interface ClearCompleted {
    }

    /** GET one todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiDocs.TenantHeader
    @ApiDocs.IfNoneMatchHeader
    @ApiDocs.OneTodo
    @ApiDocs.NotModified
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.Common
    @interface Read {
    }

    /** A conditional write of one todo without a body: toggle and delete. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @ApiDocs.TenantHeader
    @ApiDocs.IfMatchHeader
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.PreconditionFailed
    @ApiDocs.Common
    @interface Write {
    }

    /** A conditional write of one todo with a JSON body: patch and replace. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.ANNOTATION_TYPE)
    @Write
    @ApiDocs.OneTodo
    @ApiDocs.UnsupportedMediaType
    @ApiDocs.PayloadTooLarge
    @ApiDocs.Unprocessable
    @interface WriteWithBody {
    }

    /** PATCH a todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @WriteWithBody
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TodoPatchRequest.class)),
        @Content(mediaType = TodoRequests.MERGE_PATCH, schema = @Schema(implementation = TodoPatchRequest.class))})
    @interface Patch {
    }

    /** PUT a todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @WriteWithBody
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TodoReplaceRequest.class)))
    @interface Replace {
    }

    /** PATCH …/complete (v2). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Write
    @ApiDocs.OneTodo
    @interface Toggle {
    }

    /** DELETE a todo. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @Write
    @ApiResponse(responseCode = "204", description = "Deleted; no body.",
            headers = @Header(name = ApiDocs.REQUEST_ID, description = ApiDocs.REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface Delete {
    }

    /** 404 on the v2 collection: a user_id that is empty or holds a /, so that the path names no route at all. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: the path names no route (an empty user_id, or one "
            + "with an unencoded /).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = ApiDocs.REQUEST_ID, description = ApiDocs.REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface NoSuchRoute {
    }

    /** The {user_id} path parameter of the v2 routes. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(name = "user_id", in = ParameterIn.PATH, required = true,
            description = "The tenant, percent-encoded; it must be the request's tenant (otherwise 403 FORBIDDEN).",
            schema = @Schema(type = "string", minLength = 1, maxLength = 128,
                    pattern = "^[A-Za-z0-9._:@|-]{1,128}$"))
    @interface UserIdPath {
    }
}
