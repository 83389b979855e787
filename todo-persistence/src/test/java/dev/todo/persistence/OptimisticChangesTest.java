package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.VersionMismatchException;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import dev.todo.domain.service.TodoService;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A change reads the todo, then writes only if it is still at the version it read; on a lost race it starts again
 * from the winner's todo, and after {@link JdbcTodoRepository#OPTIMISTIC_ATTEMPTS} losses it holds the todo for update
 * (ADR 0022). These tests were TodoServiceTest's while the service held that tactic.
 */
class OptimisticChangesTest {

    private static ApplicationContext context;
    private static JdbcTodoRepository repository;
    private static JdbcUnitOfWork unitOfWork;
    private static TenantStatements statements;

    @BeforeAll
    static void start() {
        context = PostgresTestSupport.start(TestPostgres.createDatabase());
        repository = context.getBean(JdbcTodoRepository.class);
        unitOfWork = context.getBean(JdbcUnitOfWork.class);
        statements = context.getBean(TenantStatements.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /**
     * A repository whose first {@code losses} conditional writes lose a race: just before each, another writer
     * renames the todo (and raises its version), so the write finds a newer todo than the one it was read from.
     */
    private static final class Racing extends JdbcTodoRepository {
        final List<String> calls = new ArrayList<>();
        final List<TenantStatements.Mode> lockedIn = new ArrayList<>();
        private final int losses;
        private int lost;

        Racing(int losses) {
            super(statements, unitOfWork);
            this.losses = losses;
        }

        @Override
        public Optional<Todo> find(TenantId tenant, TodoId id) {
            calls.add("find");
            return super.find(tenant, id);
        }

        @Override
        Optional<Todo> findForUpdate(TenantId tenant, TodoId id) {
            calls.add("findForUpdate");
            lockedIn.add(statements.current().mode);
            return super.findForUpdate(tenant, id);
        }

        @Override
        boolean update(TenantId tenant, Todo todo, long expectedVersion) {
            calls.add("update");
            if (lost < losses) {
                lost++;
                String title = "theirs " + lost;
                CompletableFuture.runAsync(() -> {
                    Todo theirs = unitOfWork.execute(tenant, Intent.READ, () -> repository.find(tenant, todo.id()))
                            .orElseThrow();
                    repository.change(tenant, theirs.id(), OptionalLong.of(theirs.version()),
                            Edit.of(TodoChanges.none().title(Title.of(title))), Instant.now()).orElseThrow();
                }).join();
            }
            return super.update(tenant, todo, expectedVersion);
        }
    }

    private static TenantId tenant() {
        return TenantId.of("racing-" + UUID.randomUUID());
    }

    private static TodoService service(JdbcTodoRepository todos) {
        return new TodoService(todos, unitOfWork, TodoService.Settings.of(Clock.systemUTC()));
    }

    private static Todo create(TenantId tenant) {
        return service(repository).create(CreateTodoCommand.of(tenant, "mine", null));
    }

    @Test
    void aChangeThatLosesARaceIsAppliedAgainToTheWinnersTodo() {
        TenantId alice = tenant();
        Todo todo = create(alice);
        Racing racing = new Racing(1);

        Todo done = service(racing).update(new UpdateTodoCommand(alice, todo.id(), TodoChanges.none().completed(true)));

        assertThat(done.title()).as("the winner's change is kept").isEqualTo(Title.of("theirs 1"));
        assertThat(done.completed()).as("and ours applied on top").isTrue();
        assertThat(done.version()).isEqualTo(todo.version() + 2);
        assertThat(service(repository).get(alice, todo.id())).isEqualTo(done);
        assertThat(racing.calls).containsExactly("find", "update", "find", "update");
    }

    @Test
    void aChangeThatKeepsLosingHoldsTheTodoForUpdateAndThenCannotLose() {
        TenantId alice = tenant();
        Todo todo = create(alice);
        Racing racing = new Racing(JdbcTodoRepository.OPTIMISTIC_ATTEMPTS);

        Todo toggled = service(racing).toggle(alice, todo.id());

        assertThat(toggled.title()).isEqualTo(Title.of("theirs " + JdbcTodoRepository.OPTIMISTIC_ATTEMPTS));
        assertThat(toggled.completed()).isTrue();
        assertThat(toggled.version()).isEqualTo(todo.version() + JdbcTodoRepository.OPTIMISTIC_ATTEMPTS + 1);
        assertThat(racing.calls).endsWith("findForUpdate", "update");
        assertThat(racing.lockedIn).as("held in a writing transaction").containsExactly(TenantStatements.Mode.TRANSACTION);
    }

    @Test
    void aChangeThatLosesARaceToAnExpectedVersionIsRefused() {
        TenantId alice = tenant();
        Todo todo = create(alice);

        assertThatThrownBy(() -> service(new Racing(1)).update(new UpdateTodoCommand(alice, todo.id(),
                TodoChanges.none().completed(true), OptionalLong.of(todo.version()))))
                .isInstanceOf(VersionMismatchException.class);
        Todo stored = service(repository).get(alice, todo.id());
        assertThat(stored.title()).as("only the winner's change").isEqualTo(Title.of("theirs 1"));
        assertThat(stored.completed()).isFalse();
    }
}
