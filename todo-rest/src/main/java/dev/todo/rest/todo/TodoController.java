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
import dev.todo.domain.port.in.MoveTodoCommand;
import dev.todo.domain.port.in.MoveTodoUseCase;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The todo routes: v1 under {@code /api/v1/todos}, and v2 under {@code /api/{user_id}/tasks} (the same todos, JSON
 * and errors, plus a toggle). The tenant is bound before anything else of the request is read (see
 * {@link dev.todo.rest.tenant.TenantResolver}); then the path id, the conditional headers, the body, and one in-port.
 * Handlers run on the blocking executor (virtual threads), never on the event loop. src/main/openapi/openapi.yml
 * describes every route (OpenApiRoutesTest keeps the two in step).
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
    private final MoveTodoUseCase moveTodo;
    private final Cursors cursors;
    private final IdempotentResponses idempotent;
    private final LargeLists largeLists;

    TodoController(CreateTodoUseCase createTodo, ListTodosUseCase listTodos, GetTodoUseCase getTodo,
                   UpdateTodoUseCase updateTodo, DeleteTodoUseCase deleteTodo, ToggleTodoUseCase toggleTodo,
                   ClearCompletedUseCase clearCompleted, SyncTodosUseCase syncTodos, MoveTodoUseCase moveTodo,
                   Cursors cursors, IdempotentResponses idempotent, LargeLists largeLists) {
        this.createTodo = createTodo;
        this.listTodos = listTodos;
        this.getTodo = getTodo;
        this.updateTodo = updateTodo;
        this.deleteTodo = deleteTodo;
        this.toggleTodo = toggleTodo;
        this.clearCompleted = clearCompleted;
        this.syncTodos = syncTodos;
        this.moveTodo = moveTodo;
        this.cursors = cursors;
        this.idempotent = idempotent;
        this.largeLists = largeLists;
    }

    // v1 under /api/v1/todos; v2 under /api/{user_id}/tasks, where user_id must be the request's tenant (checked
    // as the tenant is bound)

    @Post(V1)
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.CREATED)
    HttpResponse<?> create(TenantId tenant, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return create(tenant, request, body, todos(tenant, request));
    }

    @Get(uris = {V1, V2})
    HttpResponse<?> list(TenantId tenant, HttpRequest<?> request) {
        QueryParameters.ListQuery parsed = QueryParameters.list(request, tenant, cursors);
        return parsed.paged() ? page(tenant, request, parsed) : whole(parsed);
    }

    @Get(V1 + "/changes")
    TodoJson.Changes changes(TenantId tenant, HttpRequest<?> request) {
        QueryParameters.ChangesQuery parsed = QueryParameters.changes(request, tenant, cursors);
        ChangeBatch batch = syncTodos.changesSince(tenant, parsed.since(), parsed.limit());
        return new TodoJson.Changes(batch, QueryParameters.token(cursors, tenant, batch.next()));
    }

    @Post(V1 + "/clear-completed")
    @Consumes(MediaType.ALL)
    HttpResponse<?> clearCompleted(TenantId tenant, HttpRequest<?> request) {
        return idempotent.respond(tenant, request, null,
                () -> idempotent.answer(HttpStatus.OK, new ClearedResponse(clearCompleted.clearCompleted(tenant))));
    }

    @Get(uris = {V1 + ID, V2 + ID})
    HttpResponse<Todo> get(TenantId tenant, HttpRequest<?> request, @PathVariable String id) {
        Todo todo = getTodo.get(tenant, TodoRequests.id(id));
        if (EntityTags.noneMatchFails(request, todo)) {
            return HttpResponse.<Todo>notModified().header(HttpHeaders.ETAG, etag(todo));
        }
        return ok(tenant, request, todo);
    }

    @Patch(uris = {V1 + ID, V2 + ID})
    @Consumes(MediaType.ALL)
    HttpResponse<Todo> update(TenantId tenant, HttpRequest<?> request, @PathVariable String id,
                              @Nullable @Body byte[] body) {
        return change(tenant, request, id, body, TodoRequests::changes);
    }

    @Put(uris = {V1 + ID, V2 + ID})
    @Consumes(MediaType.ALL)
    HttpResponse<Todo> replace(TenantId tenant, HttpRequest<?> request, @PathVariable String id,
                               @Nullable @Body byte[] body) {
        return change(tenant, request, id, body, TodoRequests::replacement);
    }

    /**
     * Moves a todo in the tenant's hand-made order, and in or out of a parent: {@code {"after": id|null,
     * "parent_id"?: id|null}}; 200 with the todo and its ETag, once per Idempotency-Key.
     */
    @Post(uris = {V1 + ID + "/move", V2 + ID + "/move"})
    @Consumes(MediaType.ALL)
    HttpResponse<?> move(TenantId tenant, HttpRequest<?> request, @PathVariable String id,
                         @Nullable @Body byte[] body) {
        var todoId = TodoRequests.id(id);
        var version = EntityTags.requiredVersion(request);
        MoveTodoCommand command = TodoRequests.move(tenant, todoId, version, request, body);
        String todos = todos(tenant, request);
        return idempotent.respond(tenant, request, body, () -> {
            Todo todo = moveTodo.move(command);
            return IdempotentResponses.Answer.ok(etag(todo), nextOccurrence(todos, todo), TodoJson.bytes(todo));
        });
    }

    @Delete(uris = {V1 + ID, V2 + ID})
    // Its only body is a problem: a client may accept just that (openapi-generator's clients do).
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Status(HttpStatus.NO_CONTENT)
    HttpResponse<Void> delete(TenantId tenant, HttpRequest<?> request, @PathVariable String id) {
        deleteTodo.delete(new DeleteTodoCommand(tenant, TodoRequests.id(id), EntityTags.requiredVersion(request)));
        return HttpResponse.noContent();
    }

    @Post(V2)
    @Consumes(MediaType.ALL)
    @Status(HttpStatus.CREATED)
    HttpResponse<?> createTask(TenantId tenant, HttpRequest<?> request, @Nullable @Body byte[] body) {
        return create(tenant, request, body, todos(tenant, request));
    }

    @Patch(V2 + ID + "/complete")
    @Consumes(MediaType.ALL)
    HttpResponse<Todo> toggleTask(TenantId tenant, HttpRequest<?> request, @PathVariable String id) {
        return ok(tenant, request, toggleTodo.toggle(tenant, TodoRequests.id(id), EntityTags.requiredVersion(request)));
    }

    /** 201 with the new todo, its Location ({@code location} and its id) and its ETag; once per Idempotency-Key. */
    private HttpResponse<?> create(TenantId tenant, HttpRequest<?> request, @Nullable byte[] body, String location) {
        var command = TodoRequests.create(tenant, request, body);
        return idempotent.respond(tenant, request, body, () -> {
            Todo todo = createTodo.create(command);
            return IdempotentResponses.Answer.created(location + todo.id(), etag(todo), TodoJson.bytes(todo));
        });
    }

    /** One page, {@code {items, count, next_cursor}}, with a {@code Link: <…>; rel="next"} while more remain. */
    private HttpResponse<?> page(TenantId tenant, HttpRequest<?> request, QueryParameters.ListQuery parsed) {
        TodoPage page = listTodos.list(parsed.query());
        String next = page.next().map(p -> QueryParameters.cursor(cursors, tenant, parsed.query(), p)).orElse(null);
        MutableHttpResponse<TodoJson.Page> response = HttpResponse.ok(new TodoJson.Page(page.items(), next));
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
            return HttpResponse.ok(TodoJson.bytes(listTodos.list(parsed.query()).items()))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }

    private HttpResponse<Todo> change(TenantId tenant, HttpRequest<?> request, String id,
                                              @Nullable byte[] body, BodyReader reader) {
        var todoId = TodoRequests.id(id);
        var version = EntityTags.requiredVersion(request);
        TodoChanges changes = reader.read(request, body);
        return ok(tenant, request, updateTodo.update(new UpdateTodoCommand(tenant, todoId, changes, version)));
    }

    /** Reads the changes a body asks for. */
    private interface BodyReader {
        TodoChanges read(HttpRequest<?> request, @Nullable byte[] body);
    }

    /** 200 with the todo, its ETag and, when it has a next occurrence, a Link to it in the request's version. */
    private static HttpResponse<Todo> ok(TenantId tenant, HttpRequest<?> request, Todo todo) {
        MutableHttpResponse<Todo> response = HttpResponse.ok(todo).header(HttpHeaders.ETAG, etag(todo));
        String link = nextOccurrence(todos(tenant, request), todo);
        if (link != null) {
            response.header(HttpHeaders.LINK, link);
        }
        return response;
    }

    /**
     * The path of the request's todos, ending in {@code /}: {@code /api/v1/todos/}, or for a v2 route
     * {@code /api/{user_id}/tasks/} (v2 paths end their second segment in {@code tasks}, never {@code todos}).
     */
    static String todos(TenantId tenant, HttpRequest<?> request) {
        if (request.getPath().startsWith("/api" + V1 + "/") || request.getPath().equals("/api" + V1)) {
            return "/api" + V1 + "/";
        }
        // The tenant may hold characters a path cannot (auth0|…): the path carries it percent-encoded.
        String userId = URLEncoder.encode(tenant.value(), StandardCharsets.UTF_8).replace("+", "%20");
        return "/api/" + userId + "/tasks/";
    }

    /** {@code <…/{next}>; rel="next-occurrence"} when the todo's completion created a next occurrence, else null. */
    static @Nullable String nextOccurrence(String todos, Todo todo) {
        return todo.nextOccurrence().map(next -> "<" + todos + next + ">; rel=\"next-occurrence\"").orElse(null);
    }

    /** The todo's entity tag: its version as a strong tag, {@code "7"} (read back by {@link EntityTags}). */
    private static String etag(Todo todo) {
        return "\"" + todo.version() + "\"";
    }
}
