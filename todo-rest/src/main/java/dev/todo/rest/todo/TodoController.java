package dev.todo.rest.todo;

import dev.todo.domain.model.TenantId;
import dev.todo.rest.api.ApiDocs;
import dev.todo.rest.error.Problem;
import dev.todo.rest.tenant.TenantResolver;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The v1 routes, the seed's contract plus conditional requests and full replace. Each handler resolves the tenant
 * first, then hands the rest to {@link TodoEndpoints}. Handlers run on the blocking executor (virtual threads),
 * never on the event loop.
 */
@Controller(TodoController.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "todos", description = "The todos of the tenant.")
class TodoController {

    static final String BASE = "/api/v1/todos";

    private final TenantResolver tenants;
    private final TodoEndpoints endpoints;

    TodoController(TenantResolver tenants, TodoEndpoints endpoints) {
        this.tenants = tenants;
        this.endpoints = endpoints;
    }

    @Post
    @Consumes(MediaType.ALL)
    @Operation(operationId = "createTodo", summary = "Create a todo",
            description = "Creates an open todo for the tenant. Answers 201 with the todo, its Location and ETag.")
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
    HttpResponse<?> create(HttpRequest<?> request,
                                      @Parameter(hidden = true) @Nullable @Body byte[] body) {
        TenantId tenant = tenants.resolve(request);
        return endpoints.create(tenant, request, body, BASE);
    }

    @Get
    @Operation(operationId = "listTodos", summary = "List the todos",
            description = "The tenant's todos: all of them, oldest first by (created_at, id), as in the seed; or, "
                    + "with limit, one page at a time (keyset paging: each todo appears exactly once), filtered by "
                    + "completed and ordered by sort.")
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
    HttpResponse<?> list(HttpRequest<?> request) {
        return endpoints.list(tenants.resolve(request), request);
    }

    @Get("/changes")
    @Operation(operationId = "listChanges", summary = "What changed since a sync token",
            description = "Delta sync: the todos created or changed (each as it is now) and the todos deleted since "
                    + "the token, in order, at most limit at a time. Without since, everything from the beginning. "
                    + "Replaying every batch leaves the client with exactly the tenant's todos.")
    @ApiDocs.TenantHeader
    @ApiDocs.ChangesParameters
    @ApiResponse(responseCode = "200", description = "The changes.", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangesResponse.class)),
            headers = @Header(name = ApiDocs.REQUEST_ID, description = ApiDocs.REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @ApiDocs.BadRequest
    @ApiDocs.Gone
    @ApiDocs.Common
    ChangesResponse changes(HttpRequest<?> request) {
        return endpoints.changes(tenants.resolve(request), request);
    }

    @Post("/clear-completed")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "clearCompleted", summary = "Delete every completed todo",
            description = "Deletes the tenant's completed todos in one transaction; each leaves a deletion in the "
                    + "change feed.")
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
    HttpResponse<?> clearCompleted(HttpRequest<?> request) {
        TenantId tenant = tenants.resolve(request);
        return endpoints.clearCompleted(tenant, request);
    }

    @Get("/{id:[^/]+}")
    @Operation(operationId = "getTodo", summary = "Read a todo",
            description = "With If-None-Match naming its current ETag, answers 304 without a body.")
    @ApiDocs.TenantHeader
    @ApiDocs.IfNoneMatchHeader
    @ApiDocs.OneTodo
    @ApiDocs.NotModified
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.Common
    HttpResponse<TodoResponse> get(HttpRequest<?> request, @ApiDocs.TodoIdPath @PathVariable String id) {
        TenantId tenant = tenants.resolve(request);
        return endpoints.get(tenant, request, id);
    }

    @Patch("/{id:[^/]+}")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "updateTodo", summary = "Change parts of a todo",
            description = "Absent members are left as they are; \"description\": null clears the description; "
                    + "{} changes nothing. Any change moves updated_at; created_at never moves. With If-Match, only "
                    + "if the todo still has that ETag (else 412).")
    @ApiDocs.TenantHeader
    @ApiDocs.IfMatchHeader
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TodoPatchRequest.class)),
        @Content(mediaType = TodoRequests.MERGE_PATCH, schema = @Schema(implementation = TodoPatchRequest.class))})
    @ApiDocs.OneTodo
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.PreconditionFailed
    @ApiDocs.UnsupportedMediaType
    @ApiDocs.PayloadTooLarge
    @ApiDocs.Unprocessable
    @ApiDocs.Common
    HttpResponse<TodoResponse> update(HttpRequest<?> request, @ApiDocs.TodoIdPath @PathVariable String id,
                                      @Parameter(hidden = true) @Nullable @Body byte[] body) {
        TenantId tenant = tenants.resolve(request);
        return endpoints.patch(tenant, request, id, body);
    }

    @Put("/{id:[^/]+}")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "replaceTodo", summary = "Replace a todo",
            description = "Sets title, description and is_completed, all of which must be present (description may "
                    + "be null). With If-Match, only if the todo still has that ETag (else 412).")
    @ApiDocs.TenantHeader
    @ApiDocs.IfMatchHeader
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TodoReplaceRequest.class)))
    @ApiDocs.OneTodo
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.PreconditionFailed
    @ApiDocs.UnsupportedMediaType
    @ApiDocs.PayloadTooLarge
    @ApiDocs.Unprocessable
    @ApiDocs.Common
    HttpResponse<TodoResponse> replace(HttpRequest<?> request, @ApiDocs.TodoIdPath @PathVariable String id,
                                       @Parameter(hidden = true) @Nullable @Body byte[] body) {
        TenantId tenant = tenants.resolve(request);
        return endpoints.replace(tenant, request, id, body);
    }

    @Delete("/{id:[^/]+}")
    // Its only body is a problem: a client may accept just that (openapi-generator's clients do).
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteTodo", summary = "Delete a todo",
            description = "With If-Match, only if the todo still has that ETag (else 412).")
    @ApiDocs.TenantHeader
    @ApiDocs.IfMatchHeader
    @ApiResponse(responseCode = "204", description = "Deleted; no body.",
            headers = @Header(name = ApiDocs.REQUEST_ID, description = ApiDocs.REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.PreconditionFailed
    @ApiDocs.Common
    HttpResponse<Void> delete(HttpRequest<?> request, @ApiDocs.TodoIdPath @PathVariable String id) {
        TenantId tenant = tenants.resolve(request);
        return endpoints.delete(tenant, request, id);
    }
}
