package dev.todo.domain.service;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.CreateTodoUseCase;
import dev.todo.domain.port.in.DeleteTodoUseCase;
import dev.todo.domain.port.in.GetTodoUseCase;
import dev.todo.domain.port.in.ListTodosUseCase;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoUseCase;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Todo use cases. Each call is exactly one {@link UnitOfWork}; the tenant travels explicitly into every
 * repository call. Thread-safe when its out-ports are.
 *
 * <pre>{@code
 * TodoService todos = new TodoService(repository, unitOfWork, Clock.systemUTC());
 * Todo todo = todos.create(CreateTodoCommand.of(TenantId.of("alice"), "Buy milk", null));
 * }</pre>
 */
public final class TodoService
        implements CreateTodoUseCase, GetTodoUseCase, ListTodosUseCase, UpdateTodoUseCase, DeleteTodoUseCase {

    private final TodoRepository repository;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final Supplier<TodoId> ids;

    /**
     * A service whose todos get random ids.
     *
     * @param repository where todos are stored
     * @param unitOfWork how a use case is made atomic
     * @param clock      the source of timestamps
     */
    public TodoService(TodoRepository repository, UnitOfWork unitOfWork, Clock clock) {
        this(repository, unitOfWork, clock, TodoId::random);
    }

    /**
     * A service whose todos get their ids from {@code ids}.
     *
     * @param repository where todos are stored
     * @param unitOfWork how a use case is made atomic
     * @param clock      the source of timestamps
     * @param ids        the source of new todo ids; each call must return an id not used before
     */
    public TodoService(TodoRepository repository, UnitOfWork unitOfWork, Clock clock, Supplier<TodoId> ids) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public Todo create(CreateTodoCommand command) {
        Todo todo = Todo.create(ids.get(), command.tenant(), command.title(), command.description(), clock.instant());
        return unitOfWork.execute(command.tenant(), Intent.WRITE, () -> {
            repository.insert(command.tenant(), todo);
            return todo;
        });
    }

    @Override
    public Todo get(TenantId tenant, TodoId id) {
        return unitOfWork.execute(tenant, Intent.READ,
                () -> repository.find(tenant, id).orElseThrow(() -> new TodoNotFoundException(id)));
    }

    @Override
    public List<Todo> list(TenantId tenant) {
        return unitOfWork.execute(tenant, Intent.READ, () -> repository.findAll(tenant));
    }

    @Override
    public Todo update(UpdateTodoCommand command) {
        TenantId tenant = command.tenant();
        if (command.changes().isEmpty()) {
            return get(tenant, command.id());
        }
        return unitOfWork.execute(tenant, Intent.WRITE, () -> {
            Todo current = repository.findForUpdate(tenant, command.id())
                    .orElseThrow(() -> new TodoNotFoundException(command.id()));
            Todo changed = current.apply(command.changes(), clock.instant());
            if (!repository.update(tenant, changed, current.version())) {
                // findForUpdate holds the todo for this unit of work, so only a broken adapter gets here.
                throw new IllegalStateException("todo " + current.id() + " changed while it was held for update");
            }
            return changed;
        });
    }

    @Override
    public void delete(TenantId tenant, TodoId id) {
        unitOfWork.execute(tenant, Intent.WRITE, () -> {
            if (!repository.delete(tenant, id)) {
                throw new TodoNotFoundException(id);
            }
            return null;
        });
    }
}
