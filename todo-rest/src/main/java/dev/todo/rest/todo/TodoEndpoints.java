package dev.todo.rest.todo;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
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
import dev.todo.domain.model.TodoChanges;
import io.micronaut.http.HttpHeaders;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import java.util.function.Function;

/**
 * What the todo routes do, shared by the v1 routes ({@code /api/v1/todos}) and the seed's v2 routes
 * ({@code /api/{user_id}/tasks}). Every handler reads the request in the same order — the tenant first (resolved by
 * the controller), then the path id, then conditional headers, then the body — and calls exactly one in-port.
 */
@Singleton
final class TodoEndpoints {

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

    TodoEndpoints(CreateTodoUseCase createTodo, ListTodosUseCase listTodos, GetTodoUseCase getTodo,
                  UpdateTodoUseCase updateTodo, DeleteTodoUseCase deleteTodo, ToggleTodoUseCase toggleTodo,
                  ClearCompletedUseCase clearCompleted, SyncTodosUseCase syncTodos, Cursors cursors,
                  IdempotentResponses idempotent, LargeLists largeLists) {
        this.idempotent = idempotent;
        this.largeLists = largeLists;
        this.clearCompleted = clearCompleted;
        this.syncTodos = syncTodos;
        this.cursors = cursors;
        this.createTodo = createTodo;
        this.listTodos = listTodos;
        this.getTodo = getTodo;
        this.updateTodo = updateTodo;
        this.deleteTodo = deleteTodo;
        this.toggleTodo = toggleTodo;
    }

    /** @param base the collection's path, such as /api/v1/todos, for the Location of the new todo */
    MutableHttpResponse<?> create(TenantId tenant, HttpRequest<?> request, @Nullable byte[] body, String base) {
        var command = TodoRequests.create(tenant, JsonObjectBody.read(request, body));
        return idempotent.respond(tenant, request, body, () -> {
            Todo todo = createTodo.create(command);
            return withTag(HttpResponse.created(TodoResponse.of(todo), URI.create(base + "/" + todo.id())), todo);
        });
    }

    /**
     * Without limit, every todo in the v1 shape {@code {items, count}}; with limit, one page
     * {@code {items, count, next_cursor}} and a {@code Link: <…>; rel="next"} while more remain.
     */
    MutableHttpResponse<?> list(TenantId tenant, HttpRequest<?> request) {
        ListParameters.Parsed parsed = ListParameters.parse(request, tenant, cursors);
        if (!parsed.paged()) {
            return unpaged(parsed);
        }
        TodoPage page = listTodos.list(parsed.query());
        List<TodoResponse> items = page.items().stream().map(TodoResponse::of).toList();
        String next = page.next().map(p -> ListParameters.cursor(cursors, tenant, parsed.query(), p)).orElse(null);
        MutableHttpResponse<TodoPageResponse> response =
                HttpResponse.ok(new TodoPageResponse(items, items.size(), next));
        if (next != null) {
            response.header(HttpHeaders.LINK,
                    "<" + request.getPath() + "?" + ListParameters.nextQuery(parsed, next) + ">; rel=\"next\"");
        }
        return response;
    }

    /**
     * The whole list, {@code {items, count}}: at most {@code TODO_LIST_MAX_UNPAGED} todos (else 413
     * {@code LIST_TOO_LARGE}), read and written out as JSON bytes during a turn of {@link LargeLists}, so that only
     * so many such lists take memory at once (ADR 0028).
     */
    private MutableHttpResponse<byte[]> unpaged(ListParameters.Parsed parsed) {
        try (LargeLists.Turn turn = largeLists.take()) {
            List<TodoResponse> items = listTodos.list(parsed.query()).items().stream().map(TodoResponse::of).toList();
            return HttpResponse.ok(TodoJson.bytes(new TodoListResponse(items, items.size())))
                    .contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }

    MutableHttpResponse<TodoResponse> get(TenantId tenant, HttpRequest<?> request, String id) {
        Todo todo = getTodo.get(tenant, TodoRequests.id(id));
        if (EntityTags.noneMatchFails(request, todo)) {
            return HttpResponse.<TodoResponse>notModified().header(HttpHeaders.ETAG, EntityTags.of(todo));
        }
        return withTag(HttpResponse.ok(TodoResponse.of(todo)), todo);
    }

    MutableHttpResponse<TodoResponse> patch(TenantId tenant, HttpRequest<?> request, String id,
                                            @Nullable byte[] body) {
        return change(tenant, request, id, body, TodoRequests::changes);
    }

    MutableHttpResponse<TodoResponse> replace(TenantId tenant, HttpRequest<?> request, String id,
                                              @Nullable byte[] body) {
        return change(tenant, request, id, body, TodoRequests::replacement);
    }

    MutableHttpResponse<TodoResponse> toggle(TenantId tenant, HttpRequest<?> request, String id) {
        TodoId todoId = TodoRequests.id(id);
        Todo todo = toggleTodo.toggle(tenant, todoId, EntityTags.requiredVersion(request));
        return withTag(HttpResponse.ok(TodoResponse.of(todo)), todo);
    }

    HttpResponse<Void> delete(TenantId tenant, HttpRequest<?> request, String id) {
        TodoId todoId = TodoRequests.id(id);
        deleteTodo.delete(new DeleteTodoCommand(tenant, todoId, EntityTags.requiredVersion(request)));
        return HttpResponse.noContent();
    }

    MutableHttpResponse<?> clearCompleted(TenantId tenant, HttpRequest<?> request) {
        return idempotent.respond(tenant, request, null,
                () -> HttpResponse.ok(new ClearedResponse(clearCompleted.clearCompleted(tenant))));
    }

    ChangesResponse changes(TenantId tenant, HttpRequest<?> request) {
        SyncParameters.Parsed parsed = SyncParameters.parse(request, tenant, cursors);
        ChangeBatch batch = syncTodos.changesSince(tenant, parsed.since(), parsed.limit());
        return new ChangesResponse(batch.changes().stream().map(ChangesResponse.Change::of).toList(),
                SyncParameters.token(cursors, tenant, batch.next()), batch.hasMore());
    }

    private MutableHttpResponse<TodoResponse> change(TenantId tenant, HttpRequest<?> request, String id,
                                                     @Nullable byte[] body,
                                                     Function<JsonObjectBody, TodoChanges> reader) {
        TodoId todoId = TodoRequests.id(id);
        var version = EntityTags.requiredVersion(request);
        TodoChanges changes = reader.apply(JsonObjectBody.read(request, body));
        Todo todo = updateTodo.update(new UpdateTodoCommand(tenant, todoId, changes, version));
        return withTag(HttpResponse.ok(TodoResponse.of(todo)), todo);
    }

    private static MutableHttpResponse<TodoResponse> withTag(MutableHttpResponse<TodoResponse> response, Todo todo) {
        return response.header(HttpHeaders.ETAG, EntityTags.of(todo));
    }
}
