package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second wall alone: statements that name no tenant at all, run on the service's own connection, still see and
 * change only the rows of the tenant the unit of work acts for, and nothing when it acts for none.
 */
class RowLevelSecurityTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final TenantId BOB = TenantId.of("bob");

    private static ApplicationContext context;
    private static JdbcUnitOfWork unitOfWork;
    private static TransactionOperations<Connection> transactions;
    private static TenantStatements statements;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void start() {
        TestPostgres.Database database = TestPostgres.createDatabase();
        PostgresTestSupport.migrate(database);
        Map<String, Object> properties = new HashMap<>(database.dataSourceProperties());
        // One connection, so that every unit of work below runs on the same pooled session.
        properties.put("datasources.default.maximum-pool-size", 1);
        context = ApplicationContext.run(properties);
        unitOfWork = context.getBean(JdbcUnitOfWork.class);
        transactions = context.getBean(TransactionOperations.class);
        statements = context.getBean(TenantStatements.class);
        JdbcTodoRepository repository = context.getBean(JdbcTodoRepository.class);
        for (TenantId tenant : List.of(ALICE, ALICE, BOB)) {
            Todo todo = Todo.create(TodoId.random(), tenant, Title.of("of " + tenant), null, Instant.now());
            unitOfWork.execute(tenant, Intent.WRITE, () -> {
                repository.insert(tenant, todo, Integer.MAX_VALUE);
                return null;
            });
        }
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    /** Runs SQL as the adapter runs its statements, in the current unit of work: here, with no user_id in it. */
    private static List<String> query(String sql) {
        return PostgresTestSupport.strings(statements, sql);
    }

    private static int update(String sql) {
        return statements.update(sql);
    }

    /** Runs raw SQL on the connection of the current transaction, past the adapter. */
    private static List<String> raw(String sql) {
        return PostgresTestSupport.strings(transactions, sql);
    }

    @Test
    void theServiceConnectsAsAPlainRole() {
        List<String> role = unitOfWork.execute(ALICE, Intent.READ,
                () -> query("SELECT rolsuper || ' ' || rolbypassrls FROM pg_roles WHERE rolname = current_user"));
        assertThat(role).containsExactly("false false");
    }

    @Test
    void anUnscopedSelectSeesOnlyTheTenantsRows() {
        assertThat(unitOfWork.execute(ALICE, Intent.READ, () -> query("SELECT user_id FROM todo")))
                .containsExactly("alice", "alice");
        assertThat(unitOfWork.execute(BOB, Intent.READ, () -> query("SELECT user_id FROM todo")))
                .containsExactly("bob");
        assertThat(unitOfWork.execute(TenantId.of("carol"), Intent.READ, () -> query("SELECT count(*) FROM todo")))
                .containsExactly("0");
    }

    @Test
    void withoutATenantNothingIsVisible() {
        List<String> counts = transactions.execute(TransactionDefinition.READ_ONLY,
                status -> raw("SELECT count(*) FROM todo"));
        assertThat(counts).containsExactly("0");
    }

    @Test
    void theTenantDoesNotOutliveItsTransaction() {
        unitOfWork.execute(ALICE, Intent.READ, () -> query("SELECT 1"));
        List<String> setting = transactions.execute(TransactionDefinition.READ_ONLY,
                status -> raw("SELECT coalesce(current_setting('app.user_id', true), '')"));
        assertThat(setting).containsExactly("");
        unitOfWork.execute(ALICE, Intent.WRITE, () -> query("SELECT 1"));
        List<String> afterWrite = transactions.execute(TransactionDefinition.READ_ONLY,
                status -> raw("SELECT coalesce(current_setting('app.user_id', true), '')"));
        assertThat(afterWrite).containsExactly("");
    }

    @Test
    void aReadingUnitOfWorkCannotWrite() {
        assertThatThrownBy(() -> unitOfWork.execute(ALICE, Intent.READ,
                () -> update("UPDATE todo SET title = 'renamed in a read'")))
                .hasStackTraceContaining("read-only transaction");
        assertThat(unitOfWork.execute(ALICE, Intent.READ, () -> query("SELECT title FROM todo")))
                .containsExactly("of alice", "of alice");
    }

    @Test
    void anUnscopedUpdateOrDeleteTouchesOnlyTheTenantsRows() {
        assertThatThrownBy(() -> unitOfWork.execute(BOB, Intent.WRITE, () -> {
            assertThat(update("UPDATE todo SET title = 'renamed by bob'")).isEqualTo(1);
            assertThat(update("DELETE FROM todo")).isEqualTo(1);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(unitOfWork.execute(ALICE, Intent.READ, () -> query("SELECT title FROM todo")))
                .containsExactly("of alice", "of alice");
    }

    @Test
    void aRowForAnotherTenantCannotBeWritten() {
        assertThatThrownBy(() -> unitOfWork.execute(BOB, Intent.WRITE, () -> update(
                "INSERT INTO todo (id, user_id, title, is_completed, created_at, updated_at, version, change_seq, "
                        + "position) VALUES (gen_random_uuid(), 'alice', 'planted by bob', false, now(), now(), 1, 1, "
                        + "'a0')")))
                .hasStackTraceContaining("row-level security");
        assertThatThrownBy(() -> unitOfWork.execute(BOB, Intent.WRITE,
                () -> update("UPDATE todo SET user_id = 'alice'")))
                .hasStackTraceContaining("row-level security");
        assertThat(unitOfWork.execute(ALICE, Intent.READ, () -> query("SELECT title FROM todo")))
                .containsExactly("of alice", "of alice");
    }
}
