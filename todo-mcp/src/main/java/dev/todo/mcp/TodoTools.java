package dev.todo.mcp;

import dev.todo.domain.model.DomainException;
import dev.todo.domain.model.ListTooLargeException;
import dev.todo.domain.model.QuotaExceededException;
import dev.todo.domain.model.StorageBusyException;
import dev.todo.domain.model.StorageUnavailableException;
import dev.todo.domain.model.TagNotFoundException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.model.VersionMismatchException;
import dev.todo.domain.model.Violation;
import dev.todo.domain.port.in.AllOrNothingUseCase;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.CreateTodoUseCase;
import dev.todo.domain.port.in.DeleteTodoUseCase;
import dev.todo.domain.port.in.GetTodoUseCase;
import dev.todo.domain.port.in.ListTodosQuery;
import dev.todo.domain.port.in.ListTodosUseCase;
import dev.todo.domain.port.in.TodoPage;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoUseCase;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The six tools, each a call of todo-domain's in-ports for the caller's tenant (taken from the transport context,
 * never from the arguments). Arguments that do not match the tool's input schema, or an unknown tool, are a
 * JSON-RPC error ({@code -32602}); a broken rule of the domain is a result with {@code isError}, the REST API's error
 * code and each field's message, and nothing changed. A list of tasks is done in one unit of work
 * ({@link AllOrNothingUseCase}): all of it, or, when one task fails, none of it.
 */
final class TodoTools {

    /** The transport context's key for the caller's {@link TenantId}. */
    static final String TENANT = "todo.tenant";

    private static final Logger LOG = LoggerFactory.getLogger(TodoTools.class);

    private final CreateTodoUseCase createTodo;
    private final ListTodosUseCase listTodos;
    private final GetTodoUseCase getTodo;
    private final UpdateTodoUseCase updateTodo;
    private final DeleteTodoUseCase deleteTodo;
    private final AllOrNothingUseCase together;
    private final McpHost host;
    private final ListCursors cursors;
    private final McpJsonMapper json;
    private final JsonSchemaValidator validator;
    private final Clock clock;

    /** The tools on these in-ports, for the application's {@code host}. */
    TodoTools(CreateTodoUseCase createTodo, ListTodosUseCase listTodos, GetTodoUseCase getTodo,
              UpdateTodoUseCase updateTodo, DeleteTodoUseCase deleteTodo, AllOrNothingUseCase together, McpHost host,
              McpJsonMapper json, JsonSchemaValidator validator, Clock clock) {
        this.createTodo = createTodo;
        this.listTodos = listTodos;
        this.getTodo = getTodo;
        this.updateTodo = updateTodo;
        this.deleteTodo = deleteTodo;
        this.together = together;
        this.host = host;
        this.cursors = new ListCursors(host.cursorKey());
        this.json = json;
        this.validator = validator;
        this.clock = clock;
    }

    /** The tools, with their schemas, annotations and handlers. */
    List<SyncToolSpecification> specifications() {
        return List.of(
                tool("add_task", "Add tasks", "Adds a todo (or, with tasks, up to 50 of them, all or nothing) and "
                                + "returns it as stored.", ToolSchemas.ADD_INPUT, ToolSchemas.TASK_OUTPUT,
                        hints(false, false, false), this::add),
                tool("list_tasks", "List tasks", "Lists the caller's todos, a page at a time, filtered, searched and "
                                + "sorted; pass next_cursor back as cursor for the next page.", ToolSchemas.LIST_INPUT,
                        ToolSchemas.LIST_OUTPUT, hints(true, false, true), this::list),
                tool("get_task", "Get a task", "Returns one todo.", ToolSchemas.GET_INPUT, ToolSchemas.TASK,
                        hints(true, false, true), this::get),
                tool("update_task", "Update tasks", "Changes the members given (null clears description, due, "
                                + "priority, tags, recurrence) of a todo, or, with tasks, of up to 50, all or nothing.",
                        ToolSchemas.UPDATE_INPUT, ToolSchemas.TASK_OUTPUT, hints(false, true, true), this::update),
                tool("complete_task", "Complete tasks", "Marks a todo completed (or, with completed false, open "
                                + "again), or, with tasks, up to 50 of them, all or nothing.",
                        ToolSchemas.COMPLETE_INPUT, ToolSchemas.TASK_OUTPUT, hints(false, false, true),
                        this::complete),
                tool("delete_task", "Delete tasks", "Deletes a todo (or, with tasks, up to 50, all or nothing) and "
                                + "returns its id and title.", ToolSchemas.DELETE_INPUT, ToolSchemas.DELETE_OUTPUT,
                        hints(false, true, true), this::delete));
    }

    /** What a tool does for a tenant with its (schema-valid) arguments: its structured result. */
    private interface Handler {
        Answer handle(TenantId tenant, Map<String, Object> args);
    }

    /** A tool's structured result and its short text rendering. */
    record Answer(Map<String, Object> structured, String text) {
        Answer {
            // Unmodifiable, and not Map.copyOf: a todo's JSON holds nulls.
            structured = Collections.unmodifiableMap(new LinkedHashMap<>(structured));
        }
    }

    private SyncToolSpecification tool(String name, String title, String description, String input, String output,
                                       ToolAnnotations annotations, Handler handler) {
        Tool tool = Tool.builder().name(name).title(title).description(description)
                .inputSchema(json, input).outputSchema(json, ToolSchemas.resultOrError(output))
                .annotations(annotations).build();
        return new SyncToolSpecification(tool, (context, request) -> call(tool, handler, context, request));
    }

    private static ToolAnnotations hints(boolean readOnly, boolean destructive, boolean idempotent) {
        return ToolAnnotations.builder().readOnlyHint(readOnly).destructiveHint(destructive)
                .idempotentHint(idempotent).openWorldHint(false).build();
    }

    private CallToolResult call(Tool tool, Handler handler, McpTransportContext context, CallToolRequest request) {
        long start = System.nanoTime();
        String outcome = "INTERNAL_ERROR";
        try {
            Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
            var validation = validator.validate(tool.inputSchema(), args);
            if (!validation.valid()) {
                outcome = "INVALID_PARAMS";
                throw invalidParams("Arguments of " + tool.name() + " do not match its input schema: "
                        + validation.errorMessage());
            }
            TenantId tenant = (TenantId) context.get(TENANT);
            if (tenant == null) {
                throw new IllegalStateException("a tool call without a tenant");
            }
            Answer answer;
            try {
                answer = handler.handle(tenant, args);
            } catch (DomainException e) {
                Failure failure = Failure.of(e, "");
                outcome = failure.code();
                return failure.result();
            } catch (TaskFailed e) {
                outcome = e.failure.code();
                return e.failure.result();
            }
            outcome = "ok";
            return CallToolResult.builder().structuredContent(answer.structured()).addTextContent(answer.text())
                    .isError(false).build();
        } catch (McpError e) {
            outcome = "INVALID_PARAMS";
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Tool {} failed", tool.name(), e);
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR).message("An unexpected error occurred.")
                    .build();
        } finally {
            host.toolCalled(tool.name(), outcome, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    static McpError invalidParams(String message) {
        return McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS).message(message).build();
    }

    // The tools

    private Answer add(TenantId tenant, Map<String, Object> args) {
        return batch(tenant, args, ToolArguments.TITLE,
                (item, prefix) -> ToolArguments.create(tenant, item, prefix),
                (CreateTodoCommand command) -> todo(createTodo.create(command)));
    }

    private Answer update(TenantId tenant, Map<String, Object> args) {
        return batch(tenant, args, ToolArguments.TASK_ID,
                (item, prefix) -> new UpdateTodoCommand(tenant, ToolArguments.taskId(item, prefix),
                        ToolArguments.changes(item, prefix)),
                (UpdateTodoCommand command) -> todo(updateTodo.update(command)));
    }

    private Answer complete(TenantId tenant, Map<String, Object> args) {
        return batch(tenant, args, ToolArguments.TASK_ID,
                (item, prefix) -> new UpdateTodoCommand(tenant, ToolArguments.taskId(item, prefix),
                        TodoChanges.none().completed(ToolArguments.completed(item))),
                (UpdateTodoCommand command) -> todo(updateTodo.update(command)));
    }

    private Answer delete(TenantId tenant, Map<String, Object> args) {
        return batch(tenant, args, ToolArguments.TASK_ID,
                (item, prefix) -> ToolArguments.taskId(item, prefix),
                (TodoId id) -> {
                    Todo todo = getTodo.get(tenant, id);
                    deleteTodo.delete(tenant, id);
                    Map<String, Object> deleted = new LinkedHashMap<>();
                    deleted.put("id", todo.id().toString());
                    deleted.put("title", todo.title().value());
                    return new Answer(deleted, "Deleted: " + todo.title().value() + " (id " + todo.id() + ")");
                });
    }

    private Answer get(TenantId tenant, Map<String, Object> args) {
        return todo(getTodo.get(tenant, ToolArguments.taskId(args, "")));
    }

    private Answer list(TenantId tenant, Map<String, Object> args) {
        TodoFilter filter = ToolArguments.filter(args, clock.instant());
        TodoSort sort = ToolArguments.sort(args);
        String binding = ToolArguments.binding(tenant, sort, filter);
        Optional<TodoPosition> after = Optional.ofNullable((String) args.get("cursor"))
                .map(cursor -> cursors.open(cursor, sort, binding));
        TodoPage page = listTodos.list(new ListTodosQuery(tenant, filter, sort,
                OptionalInt.of(ToolArguments.limit(args)), after));
        String next = page.next().map(position -> cursors.seal(position, binding)).orElse(null);
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("items", page.items().stream().map(TaskJson::of).toList());
        structured.put("next_cursor", next);
        StringBuilder text = new StringBuilder(page.items().size() + (page.items().size() == 1 ? " task" : " tasks"));
        page.items().forEach(todo -> text.append('\n').append(TaskJson.line(todo)));
        if (next != null) {
            text.append("\nMore: pass next_cursor as cursor.");
        }
        return new Answer(structured, text.toString());
    }

    private static Answer todo(Todo todo) {
        return new Answer(TaskJson.of(todo), TaskJson.line(todo));
    }

    // Lists of tasks

    /** Reads one task's arguments into what its call needs; throws ValidationException naming prefixed fields. */
    private interface Reader<T> {
        T read(Map<String, Object> item, String prefix);
    }

    /**
     * One task, or {@code tasks}: every task read first (all violations reported together), then all done in one
     * unit of work; the first that fails undoes the others and is reported with its index.
     */
    @SuppressWarnings("unchecked")
    private <T> Answer batch(TenantId tenant, Map<String, Object> args, String required, Reader<T> reader,
                             Function<T, Answer> work) {
        Object tasks = args.get(ToolArguments.TASKS);
        if (tasks == null) {
            if (!args.containsKey(required)) {
                throw invalidParams(required + " is required (or tasks, a list of tasks)");
            }
            T one = reader.read(args, "");
            return together.allOrNothing(tenant, () -> work.apply(one));
        }
        if (args.size() > 1) {
            throw invalidParams("Send either tasks or one task's members, not both");
        }
        List<Map<String, Object>> items = (List<Map<String, Object>>) tasks;
        if (items.size() > AllOrNothingUseCase.MAX_BATCH) {
            throw invalidParams("tasks holds at most " + AllOrNothingUseCase.MAX_BATCH + " tasks");
        }
        List<T> read = new ArrayList<>(items.size());
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                read.add(reader.read(items.get(i), ToolArguments.TASKS + "[" + i + "]."));
            } catch (ValidationException e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        List<Answer> answers = together.allOrNothing(tenant, () -> {
            List<Answer> done = new ArrayList<>(read.size());
            for (int i = 0; i < read.size(); i++) {
                try {
                    done.add(work.apply(read.get(i)));
                } catch (DomainException e) {
                    throw new TaskFailed(Failure.of(e, ToolArguments.TASKS + "[" + i + "]"));
                }
            }
            return done;
        });
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("items", answers.stream().map(Answer::structured).toList());
        structured.put("count", answers.size());
        String text = answers.size() + (answers.size() == 1 ? " task" : " tasks") + ", all done:\n"
                + answers.stream().map(Answer::text).collect(Collectors.joining("\n"));
        return new Answer(structured, text);
    }

    /** A task of a list failed: carried out of the unit of work, which it undoes. */
    private static final class TaskFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        // Transient as its type is not Serializable; the exception never leaves the call that throws it.
        private final transient Failure failure;

        TaskFailed(Failure failure) {
            super(failure.code(), null, false, false);
            this.failure = failure;
        }
    }

    /**
     * A broken rule, as a tool result: {@code {error: {code, message, fields: [{field, message}]}}}, the codes and
     * messages of the REST API's problems.
     */
    record Failure(String code, String message, List<Violation> fields) {

        Failure {
            fields = List.copyOf(fields);
        }

        /** The failure a domain exception stands for; in a list of tasks, {@code task} names the one that failed. */
        static Failure of(DomainException e, String task) {
            String where = task.isEmpty() ? "" : task + ": ";
            if (e instanceof ValidationException invalid) {
                List<Violation> fields = invalid.violations().stream()
                        .map(v -> new Violation(task.isEmpty() || v.field().startsWith(task) ? v.field()
                                : task + "." + v.field(), v.message()))
                        .toList();
                return new Failure("VALIDATION_ERROR", where + "Validation failed: " + fields.stream()
                        .map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; ")), fields);
            }
            if (e instanceof TodoNotFoundException) {
                return new Failure("NOT_FOUND", where + "Todo not found", task.isEmpty() ? List.of()
                        : List.of(new Violation(task + "." + ToolArguments.TASK_ID, "names no todo of yours")));
            }
            if (e instanceof TagNotFoundException) {
                return new Failure("NOT_FOUND", where + "Tag not found: no todo carries it", List.of());
            }
            if (e instanceof QuotaExceededException quota) {
                return new Failure("QUOTA_EXCEEDED", where + "The tenant already has " + quota.limit()
                        + " todos, the most it may have. Delete some first.", List.of());
            }
            if (e instanceof VersionMismatchException) {
                return new Failure("PRECONDITION_FAILED", where + "The todo has changed meanwhile; read it again.",
                        List.of());
            }
            if (e instanceof ListTooLargeException tooLarge) {
                return new Failure("LIST_TOO_LARGE", where + "The list holds more than " + tooLarge.limit()
                        + " todos; read it page by page.", List.of());
            }
            if (e instanceof StorageBusyException) {
                return new Failure("SERVICE_BUSY", "Every database connection is busy with other requests, and this "
                        + "call waited its turn for too long. Retry in a moment.", List.of());
            }
            if (e instanceof StorageUnavailableException) {
                LOG.warn("Database unavailable: {}",
                        e.getCause() == null ? e.getMessage() : e.getCause().toString());
                return new Failure("SERVICE_UNAVAILABLE", "The service cannot reach its database. Retry later.",
                        List.of());
            }
            LOG.error("Unmapped domain error", e);
            return new Failure("INTERNAL_ERROR", "An unexpected error occurred.", List.of());
        }

        CallToolResult result() {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", code);
            error.put("message", message + (message.endsWith(".") ? "" : ".") + " Nothing was changed.");
            error.put("fields", fields.stream().map(v -> {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("field", v.field());
                field.put("message", v.message());
                return field;
            }).toList());
            return CallToolResult.builder().structuredContent(Map.of("error", error))
                    .addTextContent(code + ": " + error.get("message")).isError(true).build();
        }
    }
}
