package dev.todo.rest.todo;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.port.in.ChangeBatch;
import dev.todo.domain.port.in.ClearCompletedUseCase;
import dev.todo.domain.port.in.CreateTodoUseCase;
import dev.todo.domain.port.in.DeleteTodoCommand;
import dev.todo.domain.port.in.DeleteTodoUseCase;
import dev.todo.domain.port.in.GetTodoUseCase;
import dev.todo.domain.port.in.ListTodosUseCase;
import dev.todo.domain.port.in.SyncTodosUseCase;
import dev.todo.domain.port.in.TodoPage;
import dev.todo.domain.port.in.ToggleTodoUseCase;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoUseCase;
import dev.todo.rest.error.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
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
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The todo routes: v1 under {@code /api/v1/todos}, and v2 under {@code /api/{user_id}/tasks} (the same todos, JSON
 * and errors, plus a toggle). The tenant is bound before anything else of the request is read (see
 * {@link dev.todo.rest.tenant.TenantResolver}); then the path id, the conditional headers, the body, and one in-port.
 * Handlers run on the blocking executor (virtual threads), never on the event loop.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
class TodoController {

    static final String V1 = "/v1/todos";
    static final String V2 = "/{user_id:[^/]+}/tasks";
    private static final String ID = "/{id:[^/]+}";

    private final CreateTodoUseCase createTodo;
    private final ListTodosUseCase listTodos;
    private final GetTodoUseCase getTodo;
    private final UpdateTodoUseCase updateTodo;
    private final DeleteTodoUseCase deleteTodo;
    private final ToggleTodoUseCase toggleTodo;
    private final ClearCompletedUseCase clearCompleted;
    private final SyncTodosUseCase syncTodos;
    private final Cursors cursors;
    private final IdempotentResponses idempotent;
    private final LargeLists largeLists;

    TodoController(CreateTodoUseCase createTodo, ListTodosUseCase listTodos, GetTodoUseCase getTodo,
                   UpdateTodoUseCase updateTodo, DeleteTodoUseCase deleteTodo, ToggleTodoUseCase toggleTodo,
                   ClearCompletedUseCase clearCompleted, SyncTodosUseCase syncTodos, Cursors cursors,
                   IdempotentResponses idempotent, LargeLists largeLists) {
        this.createTodo = createTodo;
        this.listTodos = listTodos;
        this.getTodo = getTodo;
        this.updateTodo = updateTodo;
        this.deleteTodo = deleteTodo;
        this.toggleTodo = toggleTodo;
        this.clearCompleted = clearCompleted;
        this.syncTodos = syncTodos;
        this.cursors = cursors;
        this.idempotent = idempotent;
        this.largeLists = largeLists;
    }

    // v1: /api/v1/todos

    @Post(V1)
    @Consumes(MediaType.ALL)
    @Operation(operationId = "createTodo", summary = "Create a todo",
            description = "Creates an open todo for the tenant. Answers 201 with the todo, its Location and ETag.")
    @ApiDocs.V1
    @ApiDocs.Create
    @Status(HttpStatus.CREATED)
    HttpResponse<?> create(@Parameter(hidden = true) TenantId tenant, HttpRequest<?> request,
                           @Parameter(hidden = true) @Nullable @Body byte[] body) {
        return create(tenant, request, body, "/api" + V1 + "/");
    }

    @Get(V1)
    @Operation(operationId = "listTodos", summary = "List the todos",
            description = "The tenant's todos: all of them, oldest first by (created_at, id), as in the seed; or, "
                    + "with limit, one page at a time (keyset paging: each todo appears exactly once), filtered by "
                    + "completed and ordered by sort.")
    @ApiDocs.V1
    @ApiDocs.List
    HttpResponse<?> list(@Parameter(hidden = true) TenantId tenant, HttpRequest<?> request) {
        QueryParameters.ListQuery parsed = QueryParameters.list(request, tenant, cursors);
        return parsed.paged() ? page(tenant, request, parsed) : whole(parsed);
    }

    @Get(V1 + "/changes")
    @Operation(operationId = "listChanges", summary = "What changed since a sync token",
            description = "Delta sync: the todos created or changed (each as it is now) and the todos deleted since "
                    + "the token, in order, at most limit at a time. Without since, everything from the beginning. "
                    + "Replaying every batch leaves the client with exactly the tenant's todos.")
    @ApiDocs.V1
    @ApiDocs.Changes
    ChangesResponse changes(@Parameter(hidden = true) TenantId tenant, HttpRequest<?> request) {
        QueryParameters.ChangesQuery parsed = QueryParameters.changes(request, tenant, cursors);
        ChangeBatch batch = syncTodos.changesSince(tenant, parsed.since(), parsed.limit());
        return new ChangesResponse(batch.changes().stream().map(ChangesResponse.Change::of).toList(),
                QueryParameters.token(cursors, tenant, batch.next()), batch.hasMore());
    }

    @Post(V1 + "/clear-completed")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "clearCompleted", summary = "Delete every completed todo",
            description = "Deletes the tenant's completed todos in one transaction; each leaves a deletion in the "
                    + "change feed.")
    @ApiDocs.V1
    @ApiDocs.ClearCompleted
    HttpResponse<?> clearCompleted(@Parameter(hidden = true) TenantId tenant, HttpRequest<?> request) {
        return idempotent.respond(tenant, request, null, 
                () -> idempotent.answer(HttpStatus.OK, new ClearedResponse(clearCompleted.clearCompleted(tenant))));
    }

    @Get(V1 + ID)
    @Operation(operationId = "getTodo", summary = "Read a todo",
            description = "With If-None-Match naming its current ETag, answers 304 without a body.")
    @ApiDocs.V1
    @ApiDocs.Read
    HttpResponse<TodoResponse> get(@Parameter(hidden = true) TenantId tenant, HttpRequest<?> request,
                                   @ApiDocs.TodoId @PathVariable String id) {
        Todo todo = getTodo.get(tenant, TodoRequests.id(id));
        if (EntityTags.noneMatchFails(request, todo)) {
            return HttpResponse.<TodoResponse>notModified().header(HttpHeaders.ETAG, EntityTags.of(todo));
        }
        return ok(todo);
    }

    @Patch(V1 + ID)
    @Consumes(MediaType.ALL)
    @Operation(operationId = "updateTodo", summary = "Change parts of a todo",
            description = "Absent members are left as they are; \"description\": null clears the description; "
                    + "{} changes nothing. Any change moves updated_at; created_at never moves. With If-Match, only "
                    + "if the todo still has that ETag (else 412).")
    @ApiDocs.V1
    @ApiDocs.Patch
    HttpResponse<TodoResponse> update(@Parameter(hidden = true) TenantId tenant, HttpRequest<?> request,
                                      @ApiDocs.TodoId @PathVariable String id,
                                      @Parameter(hidden = true) @Nullable @Body byte[] body) {
        return change(tenant, request, id, body, TodoRequests::changes);
    }

    @Put(V1 + ID)
    @Consumes(MediaType.ALL)
    @Operation(operationId = "replaceTodo", summary = "Replace a todo",
            description = "Sets title, description and is_completed, all of which must be present (description may "
                    + "be null). With If-Match, only if the todo still has that ETag (else 412).")
    @ApiDocs.V1
    @ApiDocs.Replace
    HttpResponse<TodoResponse> replace(@Parameter(hidden = true) TenantId tenant, HttpRequest<?> request,
                                       @ApiDocs.TodoId @PathVariable String id,
                                       @Parameter(hidden = true) @Nullable @Body byte[] body) {
        return change(tenant, request, id, body, TodoRequests::replacement);
    }

    @Delete(V1 + ID)
    // Its only body is a problem: a client may accept just that (openapi-generator's clients do).
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteTodo", summary = "Delete a todo",
            description = "With If-Match, only if the todo still has that ETag (else 412).")
    @ApiDocs.V1
    @ApiDocs.Delete
    @Status(HttpStatus.NO_CONTENT)
    HttpResponse<Void> delete(@Parameter(hidden = true) TenantId tenant, HttpRequest<?> request,
                              @ApiDocs.TodoId @PathVariable String id) {
        deleteTodo.delete(new DeleteTodoCommand(tenant, TodoRequests.id(id), EntityTags.requiredVersion(request)));
        return HttpResponse.noContent();
    }

    // v2: /api/{user_id}/tasks, where user_id must be the request's tenant (checked as the tenant is bound)

    @Post(V2)
    @Consumes(MediaType.ALL)
    @Operation(operationId = "createTask", summary = "Create a task (v2)")
    @ApiDocs.V2
    @ApiDocs.Create
    @ApiDocs.NoSuchRoute
    @Status(HttpStatus.CREATED)
    HttpResponse<?> createTask(@ApiDocs.UserId TenantId tenant, HttpRequest<?> request,
                               @Parameter(hidden = true) @Nullable @Body byte[] body) {
        // The tenant may hold characters a path cannot (auth0|…): the Location carries it percent-encoded.
        String userId = URLEncoder.encode(tenant.value(), StandardCharsets.UTF_8).replace("+", "%20");
        return create(tenant, request, body, "/api/" + userId + "/tasks/");
    }

    @Get(V2)
    @Operation(operationId = "listTasks", summary = "List the tasks (v2)")
    @ApiDocs.V2
    @ApiDocs.List
    @ApiDocs.NoSuchRoute
    HttpResponse<?> listTasks(@ApiDocs.UserId TenantId tenant, HttpRequest<?> request) {
        return list(tenant, request);
    }

    @Get(V2 + ID)
    @Operation(operationId = "getTask", summary = "Read a task (v2)")
    @ApiDocs.V2
    @ApiDocs.Read
    HttpResponse<TodoResponse> getTask(@ApiDocs.UserId TenantId tenant, HttpRequest<?> request,
                                       @ApiDocs.TodoId @PathVariable String id) {
        return get(tenant, request, id);
    }

    @Put(V2 + ID)
    @Consumes(MediaType.ALL)
    @Operation(operationId = "replaceTask", summary = "Replace a task (v2)")
    @ApiDocs.V2
    @ApiDocs.Replace
    HttpResponse<TodoResponse> replaceTask(@ApiDocs.UserId TenantId tenant, HttpRequest<?> request,
                                           @ApiDocs.TodoId @PathVariable String id,
                                           @Parameter(hidden = true) @Nullable @Body byte[] body) {
        return change(tenant, request, id, body, TodoRequests::replacement);
    }

    @Patch(V2 + ID)
    @Consumes(MediaType.ALL)
    @Operation(operationId = "updateTask", summary = "Change parts of a task (v2)")
    @ApiDocs.V2
    @ApiDocs.Patch
    HttpResponse<TodoResponse> updateTask(@ApiDocs.UserId TenantId tenant, HttpRequest<?> request,
                                          @ApiDocs.TodoId @PathVariable String id,
                                          @Parameter(hidden = true) @Nullable @Body byte[] body) {
        return change(tenant, request, id, body, TodoRequests::changes);
    }

    @Patch(V2 + ID + "/complete")
    @Consumes(MediaType.ALL)
    @Operation(operationId = "toggleTask", summary = "Flip a task between open and done (v2)",
            description = "Flips the task atomically (two toggles at once flip it twice); needs no body. With "
                    + "If-Match, only if the task still has that ETag (else 412).")
    @ApiDocs.V2
    @ApiDocs.Toggle
    HttpResponse<TodoResponse> toggleTask(@ApiDocs.UserId TenantId tenant, HttpRequest<?> request,
                                          @ApiDocs.TodoId @PathVariable String id) {
        return ok(toggleTodo.toggle(tenant, TodoRequests.id(id), EntityTags.requiredVersion(request)));
    }

    @Delete(V2 + ID)
    // Its only body is a problem: a client may accept just that (openapi-generator's clients do).
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteTask", summary = "Delete a task (v2)")
    @ApiDocs.V2
    @ApiDocs.Delete
    @Status(HttpStatus.NO_CONTENT)
    HttpResponse<Void> deleteTask(@ApiDocs.UserId TenantId tenant, HttpRequest<?> request,
                                  @ApiDocs.TodoId @PathVariable String id) {
        return delete(tenant, request, id);
    }

    /** 201 with the new todo, its Location ({@code location} and its id) and its ETag; once per Idempotency-Key. */
    private HttpResponse<?> create(TenantId tenant, HttpRequest<?> request, @Nullable byte[] body, String location) {
        var command = TodoRequests.create(tenant, request, body);
        return idempotent.respond(tenant, request, body, () -> {
            Todo todo = createTodo.create(command);
            return IdempotentResponses.Answer.created(location + todo.id(), EntityTags.of(todo),
                    TodoJson.bytes(TodoResponse.of(todo)));
        });
    }

    /** One page, {@code {items, count, next_cursor}}, with a {@code Link: <…>; rel="next"} while more remain. */
    private HttpResponse<?> page(TenantId tenant, HttpRequest<?> request, QueryParameters.ListQuery parsed) {
        TodoPage page = listTodos.list(parsed.query());
        List<TodoResponse> items = page.items().stream().map(TodoResponse::of).toList();
        String next = page.next().map(p -> QueryParameters.cursor(cursors, tenant, parsed.query(), p)).orElse(null);
        MutableHttpResponse<TodoPageResponse> response =
                HttpResponse.ok(new TodoPageResponse(items, items.size(), next));
        if (next != null) {
            response.header(HttpHeaders.LINK,
                    "<" + request.getPath() + "?" + QueryParameters.nextQuery(parsed, next) + ">; rel=\"next\"");
        }
        return response;
    }

    /**
     * The whole list, {@code {items, count}}, written out during a turn of {@link LargeLists} so that only so many
     * such lists take memory at once (413 {@code LIST_TOO_LARGE} above {@code TODO_LIST_MAX_UNPAGED}; ADR 0028).
     */
    private HttpResponse<byte[]> whole(QueryParameters.ListQuery parsed) {
        try (LargeLists.Turn turn = largeLists.take()) {
            List<TodoResponse> items = listTodos.list(parsed.query()).items().stream().map(TodoResponse::of).toList();
            return HttpResponse.ok(TodoJson.bytes(new TodoListResponse(items, items.size())))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }

    private HttpResponse<TodoResponse> change(TenantId tenant, HttpRequest<?> request, String id,
                                              @Nullable byte[] body, BodyReader reader) {
        var todoId = TodoRequests.id(id);
        var version = EntityTags.requiredVersion(request);
        TodoChanges changes = reader.read(request, body);
        return ok(updateTodo.update(new UpdateTodoCommand(tenant, todoId, changes, version)));
    }

    /** Reads the changes a body asks for. */
    private interface BodyReader {
        TodoChanges read(HttpRequest<?> request, @Nullable byte[] body);
    }

    private static HttpResponse<TodoResponse> ok(Todo todo) {
        return HttpResponse.ok(TodoResponse.of(todo)).header(HttpHeaders.ETAG, EntityTags.of(todo));
    }
}
