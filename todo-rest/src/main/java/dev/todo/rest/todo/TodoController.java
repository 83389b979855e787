package dev.todo.rest.todo;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.port.in.CreateTodoUseCase;
import dev.todo.domain.port.in.DeleteTodoUseCase;
import dev.todo.domain.port.in.GetTodoUseCase;
import dev.todo.domain.port.in.ListTodosUseCase;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoUseCase;
import dev.todo.rest.api.ApiDocs;
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
import java.net.URI;

/**
 * The seed's v1 routes. Each handler resolves the tenant first, then reads the rest of the request, then calls
 * exactly one in-port. Handlers run on the blocking executor (virtual threads), never on the event loop.
 */
@Controller("/api/v1/todos")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "todos", description = "The todos of the tenant named by X-User-ID.")
class TodoController {

    private static final String BASE = "/api/v1/todos/";

    private final TenantResolver tenants;
    private final CreateTodoUseCase createTodo;
    private final ListTodosUseCase listTodos;
    private final GetTodoUseCase getTodo;
    private final UpdateTodoUseCase updateTodo;
    private final DeleteTodoUseCase deleteTodo;

    TodoController(TenantResolver tenants, CreateTodoUseCase createTodo, ListTodosUseCase listTodos,
                   GetTodoUseCase getTodo, UpdateTodoUseCase updateTodo, DeleteTodoUseCase deleteTodo) {
        this.tenants = tenants;
        this.createTodo = createTodo;
        this.listTodos = listTodos;
        this.getTodo = getTodo;
        this.updateTodo = updateTodo;
        this.deleteTodo = deleteTodo;
    }

    @Post
    @Consumes(MediaType.ALL)
    @Operation(operationId = "createTodo", summary = "Create a todo",
            description = "Creates an open todo for the tenant. Answers 201 with the todo and its Location.")
    @ApiDocs.TenantHeader
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TodoCreateRequest.class)))
    @ApiResponse(responseCode = "201", description = "Created.",
            headers = @Header(name = "Location", description = "The new todo: /api/v1/todos/{id}",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TodoResponse.class)))
    @ApiDocs.BadRequest
    @ApiDocs.UnsupportedMediaType
    @ApiDocs.PayloadTooLarge
    @ApiDocs.Unprocessable
    @ApiDocs.Common
    HttpResponse<TodoResponse> create(HttpRequest<?> request,
                                      @Parameter(hidden = true) @Nullable @Body byte[] body) {
        TenantId tenant = tenants.resolve(request);
        Todo todo = createTodo.create(TodoRequests.create(tenant, JsonObjectBody.read(request, body)));
        return HttpResponse.created(TodoResponse.of(todo), URI.create(BASE + todo.id()));
    }

    @Get
    @Operation(operationId = "listTodos", summary = "List the todos",
            description = "Every todo of the tenant, oldest first by (created_at, id).")
    @ApiDocs.TenantHeader
    @ApiResponse(responseCode = "200", description = "The todos.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TodoListResponse.class)))
    @ApiDocs.BadRequest
    @ApiDocs.Common
    TodoListResponse list(HttpRequest<?> request) {
        TenantId tenant = tenants.resolve(request);
        var items = listTodos.list(tenant).stream().map(TodoResponse::of).toList();
        return new TodoListResponse(items, items.size());
    }

    @Get("/{id:[^/]+}")
    @Operation(operationId = "getTodo", summary = "Read a todo")
    @ApiDocs.TenantHeader
    @ApiResponse(responseCode = "200", description = "The todo.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TodoResponse.class)))
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.Common
    TodoResponse get(HttpRequest<?> request, @ApiDocs.TodoIdPath @PathVariable String id) {
        TenantId tenant = tenants.resolve(request);
        return TodoResponse.of(getTodo.get(tenant, TodoRequests.id(id)));
    }

    @Patch("/{id:[^/]+}")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "updateTodo", summary = "Change parts of a todo",
            description = "Absent members are left as they are; \"description\": null clears the description; "
                    + "{} changes nothing. Any change moves updated_at; created_at never moves. Also accepts "
                    + "application/merge-patch+json.")
    @ApiDocs.TenantHeader
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TodoPatchRequest.class)))
    @ApiResponse(responseCode = "200", description = "The todo after the change.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = TodoResponse.class)))
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.UnsupportedMediaType
    @ApiDocs.PayloadTooLarge
    @ApiDocs.Unprocessable
    @ApiDocs.Common
    TodoResponse update(HttpRequest<?> request, @ApiDocs.TodoIdPath @PathVariable String id,
                        @Parameter(hidden = true) @Nullable @Body byte[] body) {
        TenantId tenant = tenants.resolve(request);
        var todoId = TodoRequests.id(id);
        var changes = TodoRequests.changes(JsonObjectBody.read(request, body));
        return TodoResponse.of(updateTodo.update(new UpdateTodoCommand(tenant, todoId, changes)));
    }

    @Delete("/{id:[^/]+}")
    @Operation(operationId = "deleteTodo", summary = "Delete a todo")
    @ApiDocs.TenantHeader
    @ApiResponse(responseCode = "204", description = "Deleted; no body.")
    @ApiDocs.BadRequest
    @ApiDocs.NotFound
    @ApiDocs.Common
    HttpResponse<Void> delete(HttpRequest<?> request, @ApiDocs.TodoIdPath @PathVariable String id) {
        TenantId tenant = tenants.resolve(request);
        deleteTodo.delete(tenant, TodoRequests.id(id));
        return HttpResponse.noContent();
    }
}
