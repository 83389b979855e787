package dev.todo.persistence;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@link TodoRepository} on PostgreSQL, in a {@link JdbcUnitOfWork} ({@link TenantStatements}): plain statements, read
 * by hand ({@link TodoRow}). Each write is one statement that changes the todo, the tenant's feed position and count
 * ({@code tenant_state}) and the tombstones together, locking {@code tenant_state} before any todo row so that writes
 * of one tenant cannot deadlock. Creates and changes save round trips as ADR 0022 tells.
 */
@Singleton
public class JdbcTodoRepository implements TodoRepository {

    /** How many times a change reads and writes optimistically before it locks the todo instead. */
    static final int OPTIMISTIC_ATTEMPTS = 3;

    /** The columns of a {@link TodoRow}, in the order {@link TodoRow#read} expects. */
    static final String COLUMNS = "id, user_id, title, description, is_completed, created_at, updated_at, version";

    private static final String FIND = "SELECT " + COLUMNS + " FROM todo WHERE user_id = ? AND id = ?";
    /** Locks the tenant's {@code tenant_state} row before any todo row, the lock order of every write (ADR 0022). */
    private static final String TENANT = "tenant AS (SELECT 1 FROM tenant_state WHERE user_id = ? FOR UPDATE)";
    /** Locks {@code tenant_state}, then the todo ({@link #TENANT}); a tenant without that row has no todos. */
    private static final String FIND_FOR_UPDATE = "WITH " + TENANT + " SELECT " + COLUMNS
            + " FROM todo WHERE user_id = ? AND id = ? AND EXISTS (SELECT 1 FROM tenant) FOR UPDATE OF todo";
    private static final String FIND_ALL = "SELECT " + COLUMNS + " FROM todo WHERE user_id = ? ORDER BY created_at, id";
    private static final String FORGOTTEN_THROUGH = "SELECT forgotten_through FROM tenant_state WHERE user_id = ?";

    /** Insert within the quota: the tenant's count and next position, then the row, in one statement. */
    private static final String INSERT = """
            WITH state AS (
              INSERT INTO tenant_state AS s (user_id, change_seq, todo_count) VALUES (?, 1, 1)
              ON CONFLICT (user_id) DO UPDATE SET change_seq = s.change_seq + 1, todo_count = s.todo_count + 1
                WHERE s.todo_count < ?
              RETURNING change_seq)
            INSERT INTO todo (id, user_id, title, description, is_completed, created_at, updated_at, version,
                              change_seq)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, state.change_seq FROM state""";

    /** Conditional on the version, {@code tenant_state} locked first; a lost race leaves a gap in the feed. */
    private static final String UPDATE = """
            WITH state AS (
              UPDATE tenant_state SET change_seq = change_seq + 1 WHERE user_id = ? RETURNING change_seq)
            UPDATE todo SET title = ?, description = ?, is_completed = ?, updated_at = ?, version = ?,
                            change_seq = state.change_seq
            FROM state WHERE todo.user_id = ? AND todo.id = ? AND todo.version = ?""";

    private static final String DELETE = "WITH " + TENANT + ",\n" + """
            gone AS (DELETE FROM todo WHERE user_id = ? AND id = ? AND EXISTS (SELECT 1 FROM tenant) RETURNING id),
            state AS (
              UPDATE tenant_state SET change_seq = change_seq + 1, todo_count = todo_count - 1
              WHERE user_id = ? AND EXISTS (SELECT 1 FROM gone) RETURNING change_seq)
            INSERT INTO todo_tombstone (user_id, id, deleted_at, change_seq)
            SELECT ?, gone.id, ?, state.change_seq FROM gone, state
            ON CONFLICT (user_id, id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at,
                                                   change_seq = EXCLUDED.change_seq""";

    /** Each deleted todo takes its own position: old + 1 … old + n, by id. */
    private static final String DELETE_COMPLETED = "WITH " + TENANT + ",\n" + """
            gone AS (DELETE FROM todo WHERE user_id = ? AND is_completed AND EXISTS (SELECT 1 FROM tenant) RETURNING id),
            numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS k, count(*) OVER () AS n FROM gone),
            state AS (
              UPDATE tenant_state SET change_seq = change_seq + (SELECT count(*) FROM gone),
                                      todo_count = todo_count - (SELECT count(*) FROM gone)
              WHERE user_id = ? AND EXISTS (SELECT 1 FROM gone) RETURNING change_seq)
            INSERT INTO todo_tombstone (user_id, id, deleted_at, change_seq)
            SELECT ?, numbered.id, ?, state.change_seq - numbered.n + numbered.k FROM numbered, state
            ON CONFLICT (user_id, id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at,
                                                   change_seq = EXCLUDED.change_seq""";

    private static final String CHANGES = """
            SELECT 'U' AS kind, id, user_id, title, description, is_completed, created_at, updated_at, version,
                   change_seq, NULL::timestamptz AS deleted_at
            FROM todo WHERE user_id = ? AND change_seq > ?
            UNION ALL
            SELECT 'D', id, user_id, NULL, NULL, NULL, NULL, NULL, NULL, change_seq, deleted_at
            FROM todo_tombstone WHERE user_id = ? AND change_seq > ?
            ORDER BY change_seq LIMIT ?""";

    private static final String FORGET = """
            WITH forgotten AS (
              DELETE FROM todo_tombstone WHERE user_id = ? AND deleted_at < ? RETURNING change_seq)
            UPDATE tenant_state
            SET forgotten_through = GREATEST(forgotten_through, (SELECT max(change_seq) FROM forgotten))
            WHERE user_id = ? AND EXISTS (SELECT 1 FROM forgotten)""";

    /**
     * Drops the tenant's tombstones below its {@code keep} latest (an index-only walk of at most {@code keep + 1}
     * entries of {@code todo_tombstone_user_change_idx}) and raises {@code forgotten_through} past them.
     */
    private static final String FORGET_BEYOND = """
            WITH forgotten AS (
              DELETE FROM todo_tombstone WHERE user_id = ? AND change_seq <= (
                SELECT change_seq FROM todo_tombstone WHERE user_id = ? ORDER BY change_seq DESC OFFSET ? LIMIT 1)
              RETURNING change_seq)
            UPDATE tenant_state
            SET forgotten_through = GREATEST(forgotten_through, (SELECT max(change_seq) FROM forgotten))
            WHERE user_id = ? AND EXISTS (SELECT 1 FROM forgotten)""";

    private final TenantStatements statements;
    private final JdbcUnitOfWork unitOfWork;

    JdbcTodoRepository(TenantStatements statements, JdbcUnitOfWork unitOfWork) {
        this.statements = statements;
        this.unitOfWork = unitOfWork;
    }

    /** Outside a unit of work, a single write: committed as it completes, in one round trip. */
    @Override
    public boolean insert(TenantId tenant, Todo todo, int maxTodos) {
        requireOwner(tenant, todo);
        if (maxTodos < 1) {
            throw new IllegalArgumentException("maxTodos must be at least 1, not " + maxTodos);
        }
        TodoRow row = TodoRow.of(todo);
        return unitOfWork.executeSingleWrite(tenant, () -> execute(INSERT, tenant.value(), maxTodos, row.id(),
                row.userId(), row.title(), row.description(), row.isCompleted(), at(row.createdAt()),
                at(row.updatedAt()), row.version()) == 1);
    }

    @Override
    public Optional<Todo> find(TenantId tenant, TodoId id) {
        return statements.query(FIND, rs -> one(rs, tenant), tenant.value(), id.value());
    }

    /**
     * Outside a unit of work: read, then one conditional write, without a transaction; again on the winner's todo if
     * another write came in between, and under a lock after {@value #OPTIMISTIC_ATTEMPTS} losses.
     */
    @Override
    public Optional<Changed> change(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit, Instant at) {
        if (statements.current() != null) {
            return unitOfWork.execute(tenant, Intent.WRITE, () -> lockedChange(tenant, id, expectedVersion, edit, at));
        }
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
            Optional<Todo> current = unitOfWork.execute(tenant, Intent.READ, () -> find(tenant, id));
            if (current.isEmpty() || !matches(current.get(), expectedVersion)) {
                return Optional.empty();
            }
            Todo before = current.get();
            Todo after = edit.applyTo(before, at);
            if (unitOfWork.executeSingleWrite(tenant, () -> update(tenant, after, before.version()))) {
                return Optional.of(new Changed(before, after));
            }
        }
        return unitOfWork.execute(tenant, Intent.WRITE, () -> lockedChange(tenant, id, expectedVersion, edit, at));
    }

    private Optional<Changed> lockedChange(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit,
                                           Instant at) {
        Optional<Todo> current = findForUpdate(tenant, id);
        if (current.isEmpty() || !matches(current.get(), expectedVersion)) {
            return Optional.empty();
        }
        Todo after = edit.applyTo(current.get(), at);
        if (!update(tenant, after, current.get().version())) {
            throw new IllegalStateException("todo " + id + " changed while it was held for update");
        }
        return Optional.of(new Changed(current.get(), after));
    }

    /** With an expected version, the todo is held while its version is compared. */
    @Override
    public boolean delete(TenantId tenant, TodoId id, OptionalLong expectedVersion, Instant deletedAt) {
        if (expectedVersion.isPresent()
                && !findForUpdate(tenant, id).map(todo -> matches(todo, expectedVersion)).orElse(false)) {
            return false;
        }
        return delete(tenant, id, deletedAt);
    }

    /** Locks the tenant's {@code tenant_state} row, then the todo, and reads it. */
    Optional<Todo> findForUpdate(TenantId tenant, TodoId id) {
        return statements.query(FIND_FOR_UPDATE, rs -> one(rs, tenant), tenant.value(), tenant.value(), id.value());
    }

    @Override
    public List<Todo> findAll(TenantId tenant) {
        return statements.query(FIND_ALL, rs -> all(rs, tenant), tenant.value());
    }

    @Override
    public List<Todo> find(TenantId tenant, TodoQuery query) {
        TodoListQueries.Statement statement = TodoListQueries.of(tenant, query);
        return statements.query(statement.sql(), rs -> all(rs, tenant), statement.parameters().toArray());
    }

    /** Replaces the stored todo if it still has {@code expectedVersion}. */
    boolean update(TenantId tenant, Todo todo, long expectedVersion) {
        requireOwner(tenant, todo);
        TodoRow row = TodoRow.of(todo);
        return execute(UPDATE, tenant.value(), row.title(), row.description(), row.isCompleted(),
                at(row.updatedAt()), row.version(), tenant.value(), row.id(), expectedVersion) == 1;
    }

    /** Deletes the todo, whatever its version, and leaves its tombstone. */
    boolean delete(TenantId tenant, TodoId id, Instant deletedAt) {
        return execute(DELETE, tenant.value(), tenant.value(), id.value(), tenant.value(), tenant.value(),
                at(deletedAt)) == 1;
    }

    @Override
    public int deleteCompleted(TenantId tenant, Instant deletedAt) {
        return execute(DELETE_COMPLETED, tenant.value(), tenant.value(), tenant.value(), tenant.value(), at(deletedAt));
    }

    @Override
    public List<TodoChange> changesSince(TenantId tenant, long after, int limit) {
        return statements.query(CHANGES, rs -> {
            List<TodoChange> changes = new ArrayList<>();
            while (rs.next()) {
                long position = rs.getLong("change_seq");
                changes.add("U".equals(rs.getString("kind"))
                        ? new TodoChange.Upserted(TodoRow.read(rs, 1).toTodo(tenant), position)
                        : new TodoChange.Removed(new TodoId(rs.getObject("id", UUID.class)),
                                rs.getObject("deleted_at", OffsetDateTime.class).toInstant(), position));
            }
            return changes;
        }, tenant.value(), after, tenant.value(), after, limit);
    }

    @Override
    public void forgetDeletionsBefore(TenantId tenant, Instant horizon) {
        execute(FORGET, tenant.value(), at(horizon), tenant.value());
    }

    @Override
    public void forgetDeletionsBeyond(TenantId tenant, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one tombstone, not " + keep);
        }
        execute(FORGET_BEYOND, tenant.value(), tenant.value(), keep, tenant.value());
    }

    @Override
    public long forgottenThrough(TenantId tenant) {
        return statements.query(FORGOTTEN_THROUGH, rs -> rs.next() ? rs.getLong(1) : 0L, tenant.value());
    }

    private int execute(String sql, @Nullable Object... parameters) {
        return statements.update(sql, parameters);
    }

    private static boolean matches(Todo todo, OptionalLong expectedVersion) {
        return expectedVersion.isEmpty() || expectedVersion.getAsLong() == todo.version();
    }

    private static Optional<Todo> one(ResultSet rs, TenantId tenant) throws SQLException {
        return rs.next() ? Optional.of(TodoRow.read(rs, 0).toTodo(tenant)) : Optional.empty();
    }

    private static List<Todo> all(ResultSet rs, TenantId tenant) throws SQLException {
        List<Todo> todos = new ArrayList<>();
        while (rs.next()) {
            todos.add(TodoRow.read(rs, 0).toTodo(tenant));
        }
        return todos;
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void requireOwner(TenantId tenant, Todo todo) {
        if (!todo.isOwnedBy(tenant)) {
            throw new IllegalArgumentException("todo " + todo.id() + " is not owned by the acting tenant");
        }
    }
}
