package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoRepository.Edit;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How many times a use case waits for the database: the Sync messages the PostgreSQL driver sends (each one is a
 * round trip), counted from the driver's protocol log. The tenant setting travels with the first statement, a read
 * and a single write need no COMMIT, so reading one todo or a list is one round trip, a create one, a patch two
 * and a delete two.
 */
class RoundTripsTest {

    private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
    private static final AtomicInteger SYNCS = new AtomicInteger();
    private static volatile boolean counting;
    /** The pool's check of a connection that sat idle (Connection.isValid): not a statement of the use case. */
    private static final String VALIDATION = " FE=> Parse(stmt=null,query=\"SELECT 1\",";
    private static volatile boolean validating;
    private static final Handler COUNT = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record.getMessage();
            if (!counting || message == null) {
                return;
            }
            if (message.startsWith(VALIDATION)) {
                validating = true;
            } else if (message.startsWith(" FE=> Sync")) {
                if (!validating) {
                    SYNCS.incrementAndGet();
                }
                validating = false;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static ApplicationContext context;
    private static JdbcUnitOfWork unitOfWork;
    private static JdbcTodoRepository repository;
    private static Level driverLevel;

    @BeforeAll
    static void start() {
        context = PostgresTestSupport.start(TestPostgres.createDatabase());
        unitOfWork = context.getBean(JdbcUnitOfWork.class);
        repository = context.getBean(JdbcTodoRepository.class);
        driverLevel = DRIVER.getLevel();
        DRIVER.setLevel(Level.FINEST);
        COUNT.setLevel(Level.FINEST);
        DRIVER.addHandler(COUNT);
    }

    @AfterAll
    static void stop() {
        DRIVER.removeHandler(COUNT);
        DRIVER.setLevel(driverLevel);
        context.close();
    }

    private static int roundTrips(TenantId tenant, Intent intent, Supplier<?> work) {
        return roundTrips(() -> unitOfWork.execute(tenant, intent, work));
    }

    private static int roundTrips(Runnable useCase) {
        SYNCS.set(0);
        counting = true;
        try {
            useCase.run();
        } finally {
            counting = false;
        }
        return SYNCS.get();
    }

    @Test
    void eachUseCaseWaitsForTheDatabaseAsFewTimesAsItsStatementsNeed() {
        TenantId tenant = TenantId.of("trips-" + UUID.randomUUID());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Todo todo = Todo.create(TodoId.random(), tenant, Title.of("counted"), null, now);

        assertThat(roundTrips(() -> repository.insert(tenant, todo, 100)))
                .as("create: the tenant and the insert, committed as it completes").isEqualTo(1);
        assertThat(roundTrips(tenant, Intent.READ, () -> repository.find(tenant, todo.id()).orElseThrow()))
                .as("read one: the tenant and the select, no COMMIT").isEqualTo(1);
        assertThat(roundTrips(tenant, Intent.READ, () -> repository.findAll(tenant)))
                .as("list").isEqualTo(1);
        assertThat(roundTrips(() -> repository.change(tenant, todo.id(), OptionalLong.empty(),
                Edit.of(TodoChanges.none().completed(true)), now.plusSeconds(1))))
                .as("patch of the completion: one statement, committed as it completes").isEqualTo(1);
        assertThat(roundTrips(() -> repository.change(tenant, todo.id(), OptionalLong.of(2),
                Edit.completing(Edit.flip(), null), now.plusSeconds(1))))
                .as("toggle with an expected version: one statement").isEqualTo(1);
        assertThat(roundTrips(() -> repository.change(tenant, todo.id(), OptionalLong.empty(),
                Edit.of(TodoChanges.none().title(Title.of("recounted"))), now.plusSeconds(1))))
                .as("patch of the title: read, then the conditional write").isEqualTo(2);
        assertThat(roundTrips(tenant, Intent.WRITE, () -> {
            Todo found = repository.findForUpdate(tenant, todo.id()).orElseThrow();
            return repository.update(tenant, found.apply(TodoChanges.none().completed(false), now.plusSeconds(2)),
                    found.version());
        })).as("patch under a lock: lock and read, write, COMMIT").isEqualTo(3);
        Todo second = Todo.create(TodoId.random(), tenant, Title.of("deleted if it matches"), null, now);
        repository.insert(tenant, second, 100);
        assertThat(roundTrips(tenant, Intent.WRITE, () -> repository.delete(tenant, second.id(),
                OptionalLong.of(second.version()), now.plusSeconds(3))))
                .as("delete if the version matches: the compared delete, COMMIT").isEqualTo(2);
        assertThat(roundTrips(tenant, Intent.WRITE, () -> repository.delete(tenant, todo.id(), now.plusSeconds(3))))
                .as("delete").isEqualTo(2);
    }
}
