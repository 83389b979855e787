package dev.todo.rest.todo;

import dev.todo.domain.model.TenantId;
import dev.todo.rest.api.ApiDocs;
import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.Problem;
import dev.todo.rest.error.ProblemException;
import dev.todo.rest.tenant.TenantResolver;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The seed's v2 routes, {@code /api/{user_id}/tasks}: the same todos, JSON and errors as v1, on the same use cases,
 * plus a toggle. The path names the tenant too; it must be the request's tenant (403 otherwise), which is checked
 * right after the tenant is resolved and before anything else.
 */
@Controller(TaskController.BASE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "todos (v2)", description = "The seed's v2 routes: the tenant's todos under /api/{user_id}/tasks.")
class TaskController {

    static final String BASE = "/api/{user_id:[^/]+}/tasks";

    private final TenantResolver tenants;
    private final TodoEndpoints endpoints;

    TaskController(TenantResolver tenants, TodoEndpoints endpoints) {
        this.tenants = tenants;
        this.endpoints = endpoints;
    }

    /** The request's tenant, if the path names it; 403 if the path names another. */
    private TenantId tenant(HttpRequest<?> request, String pathUserId) {
        TenantId tenant = tenants.resolve(request);
        if (!tenant.value().equals(pathUserId)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
                    "The user_id in the path is not the request's tenant.",
                    List.of(new FieldError("user_id", "must be the request's tenant")));
        }
        return tenant;
    }

    @Post
    @Consumes(MediaType.ALL)
    @Operation(operationId = "createTask", summary = "Create a task (v2)")
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
    @NoSuchRoute
    @ApiDocs.Common
    HttpResponse<?> create(HttpRequest<?> request, @UserIdPath @PathVariable("user_id") String userId,
                                      @Parameter(hidden = true) @Nullable @Body byte[] body) {
        TenantId tenant = tenant(request, userId);
        // The tenant may hold characters a path cannot (auth0|…): the Location carries it percent-encoded.
        String base = "/api/" + URLEncoder.encode(userId, StandardCharsets.UTF_8).replace("+", "%20") + "/tasks";
        return endpoints.create(tenant, request, body, base);
    }

    @Get
    @Operation(operationId = "listTasks", summary = "List the tasks (v2)")
    @ApiDocs.TenantHeader
    @ApiDocs.ListParameters
    @ApiResponse(responseCode = "200", description = "Without limit: every task, {items, count}. With limit: one "
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
    @NoSuchRoute
    @ApiDocs.Common
    HttpResponse<?> list(HttpRequest<?> request, @UserIdPath @PathVariable("user_id") String userId) {
        return endpoints.list(tenant(request, userId), request);
    }

    @Get("/{id:[^/]+}")
    @Operation(operationId = "getTask", summary = "Read a task (v2)")
    @ApiDocs.TenantHeader
    @ApiDocs.IfNoneMatchHeader
    @ApiDocs.OneTodo
    @ApiDocs.NotModified
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.Common
    HttpResponse<TodoResponse> get(HttpRequest<?> request, @UserIdPath @PathVariable("user_id") String userId,
                                   @ApiDocs.TodoIdPath @PathVariable String id) {
        TenantId tenant = tenant(request, userId);
        return endpoints.get(tenant, request, id);
    }

    @Put("/{id:[^/]+}")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "replaceTask", summary = "Replace a task (v2)")
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
    HttpResponse<TodoResponse> replace(HttpRequest<?> request, @UserIdPath @PathVariable("user_id") String userId,
                                       @ApiDocs.TodoIdPath @PathVariable String id,
                                       @Parameter(hidden = true) @Nullable @Body byte[] body) {
        TenantId tenant = tenant(request, userId);
        return endpoints.replace(tenant, request, id, body);
    }

    @Patch("/{id:[^/]+}")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "updateTask", summary = "Change parts of a task (v2)")
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
    HttpResponse<TodoResponse> update(HttpRequest<?> request, @UserIdPath @PathVariable("user_id") String userId,
                                      @ApiDocs.TodoIdPath @PathVariable String id,
                                      @Parameter(hidden = true) @Nullable @Body byte[] body) {
        TenantId tenant = tenant(request, userId);
        return endpoints.patch(tenant, request, id, body);
    }

    @Patch("/{id:[^/]+}/complete")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "toggleTask", summary = "Flip a task between open and done (v2)",
            description = "Flips the task atomically (two toggles at once flip it twice); needs no body. With If-Match, only if "
                    + "the task still has that ETag (else 412).")
    @ApiDocs.TenantHeader
    @ApiDocs.IfMatchHeader
    @ApiDocs.OneTodo
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.PreconditionFailed
    @ApiDocs.Common
    HttpResponse<TodoResponse> toggle(HttpRequest<?> request, @UserIdPath @PathVariable("user_id") String userId,
                                      @ApiDocs.TodoIdPath @PathVariable String id) {
        TenantId tenant = tenant(request, userId);
        return endpoints.toggle(tenant, request, id);
    }

    @Delete("/{id:[^/]+}")
    // Its only body is a problem: a client may accept just that (openapi-generator's clients do).
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteTask", summary = "Delete a task (v2)")
    @ApiDocs.TenantHeader
    @ApiDocs.IfMatchHeader
    @ApiResponse(responseCode = "204", description = "Deleted; no body.",
            headers = @Header(name = ApiDocs.REQUEST_ID, description = ApiDocs.REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.PreconditionFailed
    @ApiDocs.Common
    HttpResponse<Void> delete(HttpRequest<?> request, @UserIdPath @PathVariable("user_id") String userId,
                              @ApiDocs.TodoIdPath @PathVariable String id) {
        TenantId tenant = tenant(request, userId);
        return endpoints.delete(tenant, request, id);
    }

    /** 404 on the collection: a user_id that is empty or holds a /, so that the path names no route at all. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target({java.lang.annotation.ElementType.METHOD})
    @ApiResponse(responseCode = "404", description = "NOT_FOUND: the path names no route (an empty user_id, or one "
            + "with an unencoded /).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)),
            headers = @Header(name = ApiDocs.REQUEST_ID, description = ApiDocs.REQUEST_ID_DESCRIPTION,
                    schema = @Schema(type = "string")))
    @interface NoSuchRoute {
    }

    /** The {user_id} path parameter of the v2 routes. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target({java.lang.annotation.ElementType.PARAMETER})
    @Parameter(name = "user_id", in = ParameterIn.PATH, required = true,
            description = "The tenant, percent-encoded; it must be the request's tenant (otherwise 403 FORBIDDEN).",
            schema = @Schema(type = "string", minLength = 1, maxLength = 128,
                    pattern = "^[A-Za-z0-9._:@|-]{1,128}$"))
    @interface UserIdPath {
    }
}
