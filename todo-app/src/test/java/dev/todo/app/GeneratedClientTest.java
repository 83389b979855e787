package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.todo.client.ApiClient;
import dev.todo.client.ApiException;
import dev.todo.client.ApiResponse;
import dev.todo.client.api.TodosApi;
import dev.todo.client.api.TodosV2Api;
import dev.todo.client.model.Change;
import dev.todo.client.model.Changes;
import dev.todo.client.model.Problem;
import dev.todo.client.model.Todo;
import dev.todo.client.model.TodoCreate;
import dev.todo.client.model.TodoMove;
import dev.todo.client.model.TodoList;
import dev.todo.client.model.TodoPatch;
import dev.todo.client.model.TodoReplace;
import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The API through the Java client that openapi-generator (java, library native) writes from the OpenAPI document at
 * build time (todo-app's pom): every operation, and every error status a client can bring about, with the problem
 * read into the generated {@link Problem}. If the document and the service disagree (a schema a response does not
 * fit, an error code the enum lacks, a list the client cannot read), this fails. Not here: 401 and jwt mode's 403
 * (this service runs in header mode; JwtModeTest), 500 and 503 (faults, not requests; DatabaseFailureTest).
 */
class GeneratedClientTest {

    private final Api api = TestApp.api();
    private final String tenant = TestApp.newTenant();
    private final ApiClient client = client(api.base(), null);
    private final TodosApi todos = new TodosApi(client);
    private final TodosV2Api tasks = new TodosV2Api(client);

    private static ApiClient client(URI base, Consumer<HttpRequest.Builder> interceptor) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString());
        client.setRequestInterceptor(interceptor);
        return client;
    }

    private static TodoCreate create(String title) {
        return new TodoCreate().title(title);
    }

    @Test
    void everyV1OperationWorksThroughTheGeneratedClient() throws ApiException {
        ApiResponse<Todo> created = todos.createTodoWithHttpInfo(
                create("Buy milk").description("Two litres"), tenant, UUID.randomUUID().toString());
        assertThat(created.getStatusCode()).isEqualTo(201);
        Todo milk = created.getData();
        assertThat(milk.getTitle()).isEqualTo("Buy milk");
        assertThat(milk.getDescription()).isEqualTo("Two litres");
        assertThat(milk.getIsCompleted()).isFalse();
        assertThat(milk.getUserId()).isEqualTo(tenant);
        assertThat(created.getHeaders()).containsKeys("location", "etag", "x-request-id");
        String etag = created.getHeaders().get("etag").get(0);
        Todo bread = todos.createTodo(create("Buy bread"), tenant, null);

        TodoList whole = todos.listTodos(tenant, null, null, null, null,
                null, null, null, null, null, null, null, null, null);
        assertThat(whole.getItems()).containsExactly(milk, bread);
        assertThat(whole.getCount()).isEqualTo(2);
        assertThat(whole.getNextCursor()).isNull();
        TodoList first = todos.listTodos(tenant, 1, null, null, "-created_at",
                null, null, null, null, null, null, null, null, null);
        assertThat(first.getItems()).containsExactly(bread);
        assertThat(first.getNextCursor()).isNotNull();
        TodoList second = todos.listTodos(tenant, 1, first.getNextCursor(), null, "-created_at",
                null, null, null, null, null, null, null, null, null);
        assertThat(second.getItems()).containsExactly(milk);
        assertThat(second.getNextCursor()).isNull();

        assertThat(todos.getTodo(milk.getId(), tenant, null)).isEqualTo(milk);
        assertThat(catchThrowableOfType(ApiException.class, () -> todos.getTodo(milk.getId(), tenant, etag))
                .getCode()).as("If-None-Match with the current ETag").isEqualTo(304);

        Todo done = todos.updateTodo(milk.getId(), new TodoPatch().isCompleted(true), tenant, etag);
        assertThat(done.getIsCompleted()).isTrue();
        assertThat(done.getDescription()).isEqualTo("Two litres");
        Todo replaced = todos.replaceTodo(bread.getId(),
                new TodoReplace().title("Buy rye bread").description(null).isCompleted(false), tenant, null);
        assertThat(replaced.getTitle()).isEqualTo("Buy rye bread");
        assertThat(replaced.getDescription()).isNull();

        Changes changes = todos.listChanges(tenant, null, 100);
        assertThat(changes.getChanges()).extracting(Change::getType).containsOnly(Change.TypeEnum.UPSERT);
        assertThat(changes.getChanges()).extracting(Change::getTodo).contains(done, replaced);
        assertThat(changes.getHasMore()).isFalse();

        assertThat(todos.clearCompleted(tenant, null).getDeleted()).isEqualTo(1);
        ApiResponse<Void> deleted = todos.deleteTodoWithHttpInfo(bread.getId(), tenant, null);
        assertThat(deleted.getStatusCode()).isEqualTo(204);

        Changes after = todos.listChanges(tenant, changes.getNextToken(), null);
        assertThat(after.getChanges()).allSatisfy(change -> {
            assertThat(change.getType()).isEqualTo(Change.TypeEnum.DELETE);
            assertThat(change.getTodo()).isNull();
            assertThat(change.getDeletedAt()).isNotNull();
        });
        assertThat(after.getChanges()).extracting(Change::getId).containsExactlyInAnyOrder(milk.getId(), bread.getId());
        assertThat(todos.listTodos(tenant, null, null, null, null,
                null, null, null, null, null, null, null, null, null).getCount()).isZero();
    }

    @Test
    void everyV2OperationWorksThroughTheGeneratedClient() throws ApiException {
        ApiResponse<Todo> created = tasks.createTaskWithHttpInfo(tenant, create("Water the plants"), tenant, null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        Todo task = created.getData();

        assertThat(tasks.listTasks(tenant, tenant, null, null, null, null,
                null, null, null, null, null, null, null, null, null).getItems()).containsExactly(task);
        assertThat(tasks.listTasks(tenant, tenant, 5, null, false, null,
                null, null, null, null, null, null, null, null, null).getNextCursor()).isNull();
        assertThat(tasks.getTask(tenant, task.getId(), tenant, null)).isEqualTo(task);
        Todo replaced = tasks.replaceTask(tenant, task.getId(),
                new TodoReplace().title("Water the fern").description("Twice a week").isCompleted(false), tenant,
                null);
        assertThat(replaced.getDescription()).isEqualTo("Twice a week");
        Todo patched = tasks.updateTask(tenant, task.getId(), new TodoPatch().title("Water the ferns"), tenant, null);
        assertThat(patched.getTitle()).isEqualTo("Water the ferns");
        assertThat(tasks.toggleTask(tenant, task.getId(), tenant, null).getIsCompleted()).isTrue();
        assertThat(tasks.moveTask(tenant, task.getId(), new TodoMove().after(null), tenant, null, null).getId())
                .isEqualTo(task.getId());
        assertThat(tasks.deleteTaskWithHttpInfo(tenant, task.getId(), tenant, null).getStatusCode()).isEqualTo(204);
        assertThat(tasks.listTasks(tenant, tenant, null, null, null, null,
                null, null, null, null, null, null, null, null, null).getCount()).isZero();
    }

    @Test
    void everyErrorAClientCanCauseIsAProblemTheGeneratedClientReads() throws Exception {
        Todo todo = todos.createTodo(create("Buy milk"), tenant, null);
        String etag = "\"1\"";
        todos.updateTodo(todo.getId(), new TodoPatch().isCompleted(true), tenant, etag);

        expect(400, "MISSING_USER_CONTEXT", () -> todos.listTodos(null, null, null, null, null,
                null, null, null, null, null, null, null, null, null));
        expect(403, "FORBIDDEN", () -> tasks.listTasks(TestApp.newTenant(), tenant, null, null, null, null,
                null, null, null, null, null, null, null, null, null));
        expect(404, "NOT_FOUND", () -> todos.getTodo(UUID.randomUUID(), tenant, null));
        TodosApi posting = new TodosApi(client(api.base(), b -> b.method("POST", HttpRequest.BodyPublishers.noBody())));
        expect(405, "METHOD_NOT_ALLOWED", () -> posting.deleteTodo(todo.getId(), tenant, null));
        TodosApi html = new TodosApi(client(api.base(), b -> b.setHeader("Accept", "text/html")));
        expect(406, "NOT_ACCEPTABLE", () -> html.getTodo(todo.getId(), tenant, null));
        expect(412, "PRECONDITION_FAILED", () -> todos.deleteTodo(todo.getId(), tenant, etag));
        expect(413, "PAYLOAD_TOO_LARGE", () -> todos.createTodo(create("x".repeat(70_000)), tenant, null));
        expect(414, "URI_TOO_LONG", () -> todos.listTodos(tenant, 10, "c".repeat(9_000), null, null,
                null, null, null, null, null, null, null, null, null));
        TodosApi text = new TodosApi(client(api.base(), b -> b.setHeader("Content-Type", "text/plain")));
        expect(415, "UNSUPPORTED_MEDIA_TYPE", () -> text.createTodo(create("Buy milk"), tenant, null));
        Problem invalid = expect(422, "VALIDATION_ERROR", () -> todos.createTodo(create(" "), tenant, null));
        assertThat(invalid.getFieldErrors()).extracting(e -> e.getField()).containsExactly("title");
        expect(431, "HEADERS_TOO_LARGE",
                () -> todos.createTodo(create("Buy milk"), tenant, null, Map.of("X-Padding", "p".repeat(17_000))));

        // A quota of one todo, and a change feed that forgets deletions after 1 ms: 409 and 410.
        try (TodoApplication small = TestApp.start(TestPostgres.createDatabase(), Settings.Auth.header(),
                new TodoLimits(1, Duration.ofMillis(1)), Map.of())) {
            TodosApi other = new TodosApi(client(small.uri(), null));
            Todo only = other.createTodo(create("The only one"), tenant, null);
            expect(409, "QUOTA_EXCEEDED", () -> other.createTodo(create("One too many"), tenant, null));
            String token = other.listChanges(tenant, null, null).getNextToken();
            other.deleteTodo(only.getId(), tenant, null);
            Thread.sleep(5); // the retention is 1 ms: the next deletion forgets the first one
            other.deleteTodo(other.createTodo(create("Another"), tenant, null).getId(), tenant, null);
            expect(410, "SYNC_TOKEN_EXPIRED", () -> other.listChanges(tenant, token, null));
        }
    }

    /** A call that throws. */
    private interface Call {
        void run() throws ApiException;
    }

    /** The call fails with this status and a problem with this error code, read with the generated model. */
    private Problem expect(int status, String errorCode, Call call) throws IOException {
        ApiException failure = catchThrowableOfType(ApiException.class, call::run);
        assertThat(failure).as("%d %s: no error", status, errorCode).isNotNull();
        assertThat(failure.getCode()).as("%s: %s", errorCode, failure.getResponseBody()).isEqualTo(status);
        assertThat(failure.getResponseHeaders().firstValue("Content-Type")).as(errorCode)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        Problem problem = client.getObjectMapper().readValue(failure.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(status);
        assertThat(problem.getErrorCode()).isEqualTo(Problem.ErrorCodeEnum.fromValue(errorCode));
        // The id of the request, as in its X-Request-Id; a request too long to read has none (414, 431).
        assertThat(problem.getRequestId()).as(errorCode)
                .isEqualTo(failure.getResponseHeaders().firstValue("X-Request-Id").orElse(null));
        if (status != 414 && status != 431) {
            assertThat(problem.getRequestId()).as(errorCode).isNotNull();
        }
        return problem;
    }

    @Test
    void subtasksAndMovesWorkThroughTheGeneratedClient() throws ApiException {
        Todo parent = todos.createTodo(create("Buy milk"), tenant, null);
        Todo subtask = todos.createTodo(create("Oat milk").parentId(parent.getId()), tenant, null);
        assertThat(subtask.getParentId()).isEqualTo(parent.getId());
        assertThat(subtask.getRecurrence()).isNull();
        assertThat(subtask.getNextOccurrenceId()).isNull();
        assertThat(todos.listTodos(tenant, null, null, null, null,
                null, null, null, null, null, null, null, null, parent.getId()).getItems()).containsExactly(subtask);

        Todo other = todos.createTodo(create("Buy bread"), tenant, null);
        Todo first = todos.moveTodo(other.getId(), new TodoMove().after(null), tenant, null,
                UUID.randomUUID().toString());
        assertThat(first.getPosition()).isLessThan(parent.getPosition());
        assertThat(todos.listTodos(tenant, null, null, null, "position",
                null, null, null, null, null, null, null, null, null).getItems())
                .containsExactly(first, parent, subtask);
        // A null parent_id is left out by this client (NON_NULL): it moves under a parent, not to the top level.
        Todo moved = todos.moveTodo(subtask.getId(), new TodoMove().after(null).parentId(first.getId()), tenant,
                null, null);
        assertThat(moved.getParentId()).isEqualTo(first.getId());
        assertThat(todos.listTodos(tenant, null, null, null, "-position",
                null, null, null, null, null, null, null, null, null).getItems())
                .containsExactly(parent, moved, first);
        assertThat(tasks.moveTask(tenant, parent.getId(), new TodoMove().after(null), tenant, null, null)
                .getPosition()).isLessThan(first.getPosition());
        todos.deleteTodo(first.getId(), tenant, null);
        todos.deleteTodo(parent.getId(), tenant, null);
    }
}
