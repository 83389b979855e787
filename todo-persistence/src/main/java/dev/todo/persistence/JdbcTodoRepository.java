package dev.todo.persistence;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.persistence.TenantStatements.Mode;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link TodoRepository} on PostgreSQL: plain statements sent by {@link TenantStatements}, rows mapped by hand. Each
 * write is one statement that also moves the tenant's {@code tenant_state} and tombstones, locking
 * {@code tenant_state} first (ADR 0022).
 */
@Singleton
public class JdbcTodoRepository implements TodoRepository {

    /** How many times a change reads and writes optimistically before it locks the todo instead. */
    static final int OPTIMISTIC_ATTEMPTS = 3;

    /** The columns of a todo, in the order {@link #todo} reads them. */
    private static final String COLUMNS = "id, user_id, title, description, is_completed, created_at, updated_at, "
            + "version, priority, due_date, due_time, due_zone, tags, recurrence, position, parent_id, "
            + "next_occurrence_id";

    private static final String FIND = "SELECT " + COLUMNS + " FROM todo WHERE user_id = ? AND id = ?";
    /** Locks the tenant's {@code tenant_state} row before any todo row, the lock order of every write (ADR 0022). */
    private static final String TENANT = "tenant AS (SELECT 1 FROM tenant_state WHERE user_id = ? FOR UPDATE)";
    /** Locks {@code tenant_state}, then the todo ({@link #TENANT}); a tenant without that row has no todos. */
    private static final String FIND_FOR_UPDATE = "WITH " + TENANT + " SELECT " + COLUMNS
            + " FROM todo WHERE user_id = ? AND id = ? AND EXISTS (SELECT 1 FROM tenant) FOR UPDATE OF todo";
    private static final String FIND_ALL = "SELECT " + COLUMNS + " FROM todo WHERE user_id = ? ORDER BY created_at, id";
    /** How many of the tenant's todos carry each tag, per spelling as stored. */
    private static final String COUNT_TAGS =
            "SELECT tag, count(*) FROM todo, unnest(tags) AS tag WHERE user_id = ? GROUP BY tag";
    private static final String FORGOTTEN_THROUGH = "SELECT forgotten_through FROM tenant_state WHERE user_id = ?";

    /** Insert within the quota: the tenant's count and next position, then the row, in one statement. */
    private static final String INSERT = """
            WITH state AS (
              INSERT INTO tenant_state AS s (user_id, change_seq, todo_count) VALUES (?, 1, 1)
              ON CONFLICT (user_id) DO UPDATE SET change_seq = s.change_seq + 1, todo_count = s.todo_count + 1
                WHERE s.todo_count < ?
              RETURNING change_seq)
            INSERT INTO todo (id, user_id, title, description, is_completed, created_at, updated_at, version,
                              priority, due_date, due_time, due_zone, due_at, tags, tag_keys, search_words,
                              title_words, recurrence, position, parent_id, next_occurrence_id, change_seq)
            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?::smallint, ?::date, ?::time, ?::text, ?::timestamptz, ?::text[],
                   ?::text[], array_to_tsvector(?::text[]), array_to_tsvector(?::text[]), ?::text, ?::text, ?::uuid,
                   ?::uuid, state.change_seq
            FROM state""";

    /** Conditional on the version, {@code tenant_state} locked first; a lost race leaves a gap in the feed. */
    private static final String UPDATE = """
            WITH state AS (
              UPDATE tenant_state SET change_seq = change_seq + 1 WHERE user_id = ? RETURNING change_seq)
            UPDATE todo SET title = ?, description = ?, is_completed = ?, updated_at = ?, version = ?,
                            priority = ?::smallint, due_date = ?::date, due_time = ?::time, due_zone = ?::text,
                            due_at = ?::timestamptz, tags = ?::text[], tag_keys = ?::text[],
                            search_words = array_to_tsvector(?::text[]), title_words = array_to_tsvector(?::text[]),
                            recurrence = ?::text, position = ?::text, parent_id = ?::uuid,
                            next_occurrence_id = ?::uuid, change_seq = state.change_seq
            FROM state WHERE todo.user_id = ? AND todo.id = ? AND todo.version = ?""";

    /** A completion that would make a recurring todo's next occurrence needs the service: not in one statement. */
    private static final String NEEDS_NO_NEXT =
            " AND (todo.recurrence IS NULL OR todo.is_completed OR todo.next_occurrence_id IS NOT NULL)";
    /** The todo as the statement of {@link #oneStatement} read it, its {@link #COLUMNS} in their order. */
    private static final String RETURNING_OLD = "\nRETURNING " + Arrays.stream(COLUMNS.split(", "))
            .map(column -> "old." + column).collect(Collectors.joining(", "));

    private static final String DELETE = "WITH " + TENANT + ",\n" + """
            gone AS (DELETE FROM todo WHERE user_id = ? AND id = ? AND EXISTS (SELECT 1 FROM tenant) RETURNING id),
            state AS (
              UPDATE tenant_state SET change_seq = change_seq + 1, todo_count = todo_count - 1
              WHERE user_id = ? AND EXISTS (SELECT 1 FROM gone) RETURNING change_seq)
            INSERT INTO todo_tombstone (user_id, id, deleted_at, change_seq)
            SELECT ?, gone.id, ?, state.change_seq FROM gone, state
            ON CONFLICT (user_id, id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at,
                                                   change_seq = EXCLUDED.change_seq""";
    /** {@link #DELETE} only if the todo's version is the one expected, compared as the row is deleted. */
    private static final String DELETE_IF_VERSION = DELETE.replace("AND EXISTS (SELECT 1 FROM tenant) RETURNING id",
            "AND version = ? AND EXISTS (SELECT 1 FROM tenant) RETURNING id");

    /**
     * After a CTE {@code gone} of deleted ids: moves the tenant's count and feed by their number and leaves a tombstone
     * for each, at positions old + 1 … old + n, by id.
     */
    private static final String DELETED = """
            numbered AS (SELECT id, row_number() OVER (ORDER BY id) AS k, count(*) OVER () AS n FROM gone),
            state AS (
              UPDATE tenant_state SET change_seq = change_seq + (SELECT count(*) FROM gone),
                                      todo_count = todo_count - (SELECT count(*) FROM gone)
              WHERE user_id = ? AND EXISTS (SELECT 1 FROM gone) RETURNING change_seq)
            INSERT INTO todo_tombstone (user_id, id, deleted_at, change_seq)
            SELECT ?, numbered.id, ?, state.change_seq - numbered.n + numbered.k FROM numbered, state
            ON CONFLICT (user_id, id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at,
                                                   change_seq = EXCLUDED.change_seq""";

    /**
     * The completed todos and every subtask of one, in one statement (the foreign key holds at its end); each deleted
     * todo takes its own position: old + 1 … old + n, by id.
     */
    private static final String DELETE_COMPLETED = "WITH " + TENANT + ",\n" + """
            gone AS (
              DELETE FROM todo WHERE user_id = ? AND EXISTS (SELECT 1 FROM tenant)
                AND (is_completed OR parent_id IN (SELECT id FROM todo WHERE user_id = ? AND is_completed))
              RETURNING id),
""" + DELETED;

    /** The subtasks of one todo; each takes its own position: old + 1 … old + n, by id. */
    private static final String DELETE_SUBTASKS = "WITH " + TENANT + ",\n" + """
            gone AS (
              DELETE FROM todo WHERE user_id = ? AND parent_id = ? AND EXISTS (SELECT 1 FROM tenant) RETURNING id),
""" + DELETED;

    /**
     * Holds the tenant's {@code tenant_state} row as every write does first (ADR 0022), making it if the tenant has
     * none yet, without writing a new version of one that exists: ON CONFLICT locks the row even where its update's
     * condition is false.
     */
    private static final String HOLD_WRITES = """
            INSERT INTO tenant_state AS s (user_id) VALUES (?)
            ON CONFLICT (user_id) DO UPDATE SET change_seq = s.change_seq WHERE false""";

    private static final String CHANGES = """
            SELECT 'U' AS kind, id, user_id, title, description, is_completed, created_at, updated_at, version,
                   priority, due_date, due_time, due_zone, tags, recurrence, position, parent_id, next_occurrence_id,
                   change_seq, NULL::timestamptz AS deleted_at
            FROM todo WHERE user_id = ? AND change_seq > ?
            UNION ALL
            SELECT 'D', id, user_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                   NULL, change_seq, deleted_at
            FROM todo_tombstone WHERE user_id = ? AND change_seq > ?
            ORDER BY change_seq LIMIT ?""";

    private static final String FORGET = """
            WITH forgotten AS (
              DELETE FROM todo_tombstone WHERE user_id = ? AND deleted_at < ? RETURNING change_seq)
            UPDATE tenant_state
            SET forgotten_through = GREATEST(forgotten_through, (SELECT max(change_seq) FROM forgotten))
            WHERE user_id = ? AND EXISTS (SELECT 1 FROM forgotten)""";

    /** Drops the tenant's tombstones below its {@code keep} latest and raises {@code forgotten_through} past them. */
    private static final String FORGET_BEYOND = """
            WITH forgotten AS (
              DELETE FROM todo_tombstone WHERE user_id = ? AND change_seq <= (
                SELECT change_seq FROM todo_tombstone WHERE user_id = ? ORDER BY change_seq DESC OFFSET ? LIMIT 1)
              RETURNING change_seq)
            UPDATE tenant_state
            SET forgotten_through = GREATEST(forgotten_through, (SELECT max(change_seq) FROM forgotten))
            WHERE user_id = ? AND EXISTS (SELECT 1 FROM forgotten)""";

    private final TenantStatements statements;

    JdbcTodoRepository(TenantStatements statements) {
        this.statements = statements;
    }

    /** Outside a unit of work, a single write: committed as it completes, in one round trip. */
    @Override
    public boolean insert(TenantId tenant, Todo todo, int maxTodos) {
        requireOwner(tenant, todo);
        if (maxTodos < 1) {
            throw new IllegalArgumentException("maxTodos must be at least 1, not " + maxTodos);
        }
        List<@Nullable Object> values = new ArrayList<>();
        Collections.addAll(values, tenant.value(), maxTodos, todo.id().value(), todo.owner().value(),
                todo.title().value(), description(todo), todo.completed(), at(todo.createdAt()),
                at(todo.updatedAt()), todo.version());
        values.addAll(planValues(todo));
        values.addAll(placeValues(todo));
        return statements.run(tenant, Mode.SINGLE_WRITE, () -> statements.update(INSERT, values.toArray()) == 1);
    }

    @Override
    public Optional<Todo> find(TenantId tenant, TodoId id) {
        return statements.query(FIND, rs -> one(rs, tenant), tenant.value(), id.value());
    }

    /**
     * Outside a unit of work, an edit whose new values need no current todo ({@link #changeInOneStatement}) is one
     * statement. Otherwise, or when that statement writes nothing: read, then one conditional write, without a
     * transaction; again on the winner's todo if another write came in between, and under a lock after
     * {@value #OPTIMISTIC_ATTEMPTS} losses.
     */
    @Override
    public Optional<Changed> change(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit, Instant at) {
        if (statements.current() == null) {
            Optional<Changed> changed = changeInOneStatement(tenant, id, expectedVersion, edit, at);
            if (changed.isPresent()) {
                return changed;
            }
        }
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS && statements.current() == null; attempt++) {
            Optional<Todo> current = statements.run(tenant, Mode.READ, () -> find(tenant, id));
            if (current.isEmpty() || !matches(current.get(), expectedVersion)) {
                return Optional.empty();
            }
            Todo before = current.get();
            Todo after = edit.applyTo(before, at);
            if (after.version() == before.version()) {
                return Optional.of(new Changed(before, before));
            }
            if (statements.run(tenant, Mode.SINGLE_WRITE, () -> update(tenant, after, before.version()))) {
                return Optional.of(new Changed(before, after));
            }
        }
        // Inside a unit of work, or after the losses: joins it or opens a transaction, and locks.
        return statements.run(tenant, Mode.TRANSACTION, () -> lockedChange(tenant, id, expectedVersion, edit, at));
    }

    /**
     * Does the edit in one {@code UPDATE … RETURNING} the todo as it was (ADR 0042) if it sets only columns whose new
     * values need no current todo (the completion, flipped or set; the priority; a due) and every todo accepts it
     * ({@link TodoChanges#acceptedByAnyTodo}), and builds the todo after with the domain's {@link Edit#applyTo}. Empty
     * when the edit is not such an edit or the statement wrote nothing: no such todo, another version, a completion
     * that makes a next occurrence ({@link Completing#needsNext}), a concurrent writer; the caller then reads and
     * decides.
     */
    Optional<Changed> changeInOneStatement(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit,
                                           Instant at) {
        Edit inner = edit instanceof Completing completing ? completing.edit() : edit;
        List<@Nullable Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        Collections.addAll(values, tenant.value(), at(at.truncatedTo(ChronoUnit.MICROS)));
        if (inner instanceof FlipCompletion) {
            sql.append(", is_completed = NOT todo.is_completed");
        } else if (inner instanceof SetFields set && setsInOneStatement(set.changes())) {
            TodoChanges changes = set.changes();
            changes.completed().ifPresent(completed -> {
                sql.append(", is_completed = ?");
                values.add(completed);
            });
            changes.priority().ifPresent(priority -> {
                sql.append(", priority = ?::smallint");
                values.add(priority.rank());
            });
            changes.due().ifPresent(due -> {
                sql.append(", due_date = ?::date, due_time = ?::time, due_zone = ?::text, due_at = ?::timestamptz");
                values.addAll(dueValues(due));
            });
        } else {
            return Optional.empty();
        }
        StringBuilder conditions = new StringBuilder();
        Collections.addAll(values, tenant.value(), id.value());
        if (expectedVersion.isPresent()) {
            conditions.append(" AND todo.version = ?");
            values.add(expectedVersion.getAsLong());
        }
        if (edit instanceof Completing && inner.mayComplete()) {
            conditions.append(NEEDS_NO_NEXT);
        }
        String statement = oneStatement(sql.toString(), conditions.toString());
        return statements.run(tenant, Mode.SINGLE_WRITE,
                () -> statements.query(statement, rs -> one(rs, tenant), values.toArray()))
                .map(before -> new Changed(before, edit.applyTo(before, at)));
    }

    /**
     * The change in one statement with these SET items and WHERE conditions: {@code tenant_state} updated first for
     * the feed position, then the todo, joined to itself as it was when the statement read it ({@code old}), so that a
     * concurrent writer makes the row not match instead of returning a stale before.
     */
    private static String oneStatement(String set, String conditions) {
        return "WITH state AS (\n"
                + "  UPDATE tenant_state SET change_seq = change_seq + 1 WHERE user_id = ? RETURNING change_seq)\n"
                + "UPDATE todo SET version = todo.version + 1,\n"
                + "                updated_at = GREATEST(?::timestamptz, todo.updated_at + interval '1 microsecond'),\n"
                + "                change_seq = state.change_seq" + set + "\n"
                + "FROM state, todo old WHERE todo.user_id = ? AND todo.id = ?"
                + " AND old.user_id = todo.user_id AND old.id = todo.id AND old.version = todo.version" + conditions
                + RETURNING_OLD;
    }

    /** Changes of only the completion, the priority and the due to a date, none that a todo could refuse. */
    private static boolean setsInOneStatement(TodoChanges changes) {
        return !changes.isEmpty() && changes.acceptedByAnyTodo() && changes.title().isEmpty()
                && !changes.changesDescription() && changes.due().isPresent() == changes.changesDue()
                && changes.tags().isEmpty() && !changes.changesRecurrence() && changes.position().isEmpty()
                && !changes.changesParent() && changes.nextOccurrence().isEmpty();
    }

    private Optional<Changed> lockedChange(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit,
                                           Instant at) {
        Optional<Todo> current = findForUpdate(tenant, id);
        if (current.isEmpty() || !matches(current.get(), expectedVersion)) {
            return Optional.empty();
        }
        Todo after = edit.applyTo(current.get(), at);
        if (after.version() == current.get().version()) {
            return Optional.of(new Changed(current.get(), current.get()));
        }
        if (!update(tenant, after, current.get().version())) {
            throw new IllegalStateException("todo " + id + " changed while it was held for update");
        }
        return Optional.of(new Changed(current.get(), after));
    }

    /** With an expected version, the version is compared in the statement that deletes. */
    @Override
    public boolean delete(TenantId tenant, TodoId id, OptionalLong expectedVersion, Instant deletedAt) {
        if (expectedVersion.isEmpty()) {
            return delete(tenant, id, deletedAt);
        }
        return statements.update(DELETE_IF_VERSION, tenant.value(), tenant.value(), id.value(),
                expectedVersion.getAsLong(), tenant.value(), tenant.value(), at(deletedAt)) == 1;
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
        List<Object> parameters = new ArrayList<>();
        String sql = listStatement(tenant, query, parameters);
        return statements.query(sql, rs -> all(rs, tenant), parameters.toArray());
    }

    /**
     * The statement of a filtered, ordered page, its values added to {@code parameters} ({@link TodoListStatement}).
     */
    static String listStatement(TenantId tenant, TodoQuery query, List<Object> parameters) {
        return "SELECT " + COLUMNS + " FROM todo " + TodoListStatement.clauses(tenant, query, parameters);
    }

    @Override
    public List<TagCount> countTags(TenantId tenant) {
        return statements.query(COUNT_TAGS, rs -> {
            List<TagCount> counts = new ArrayList<>();
            while (rs.next()) {
                counts.add(new TagCount(new Tag(rs.getString(1)), rs.getLong(2)));
            }
            return counts;
        }, tenant.value());
    }

    /** Replaces the stored todo if it still has {@code expectedVersion}. */
    boolean update(TenantId tenant, Todo todo, long expectedVersion) {
        requireOwner(tenant, todo);
        List<@Nullable Object> values = new ArrayList<>();
        Collections.addAll(values, tenant.value(), todo.title().value(), description(todo), todo.completed(),
                at(todo.updatedAt()), todo.version());
        values.addAll(planValues(todo));
        values.addAll(placeValues(todo));
        Collections.addAll(values, tenant.value(), todo.id().value(), expectedVersion);
        return statements.update(UPDATE, values.toArray()) == 1;
    }

    /** Deletes the todo, whatever its version, and leaves its tombstone. */
    boolean delete(TenantId tenant, TodoId id, Instant deletedAt) {
        return statements.update(DELETE, tenant.value(), tenant.value(), id.value(), tenant.value(), tenant.value(),
                at(deletedAt)) == 1;
    }

    @Override
    public int deleteCompleted(TenantId tenant, Instant deletedAt) {
        return statements.update(DELETE_COMPLETED, tenant.value(), tenant.value(), tenant.value(), tenant.value(),
                tenant.value(), at(deletedAt));
    }

    @Override
    public int deleteSubtasks(TenantId tenant, TodoId parent, Instant deletedAt) {
        return statements.update(DELETE_SUBTASKS, tenant.value(), tenant.value(), parent.value(), tenant.value(),
                tenant.value(), at(deletedAt));
    }

    /**
     * Locks the tenant's {@code tenant_state} row until the transaction ends, the lock every write takes first, so that
     * every other write of the tenant waits for this unit of work. A tenant without that row gets one (no todos, feed
     * at 0) and holds it just the same.
     * @throws IllegalStateException outside a {@link dev.todo.domain.port.out.UnitOfWork.Intent#WRITE WRITE} unit of
     *     work, where no lock would outlast the statement
     */
    @Override
    public void holdWrites(TenantId tenant) {
        TenantStatements.Scope scope = statements.current();
        if (scope == null || scope.mode != Mode.TRANSACTION) {
            throw new IllegalStateException("holding a tenant's writes needs a WRITE unit of work");
        }
        statements.run(tenant, Mode.TRANSACTION, () -> statements.update(HOLD_WRITES, tenant.value()));
    }

    @Override
    public List<TodoChange> changesSince(TenantId tenant, long after, int limit) {
        return statements.query(CHANGES, rs -> {
            List<TodoChange> changes = new ArrayList<>();
            while (rs.next()) {
                long position = rs.getLong("change_seq");
                changes.add("U".equals(rs.getString("kind"))
                        ? new TodoChange.Upserted(todo(rs, 1, tenant), position)
                        : new TodoChange.Removed(new TodoId(rs.getObject("id", UUID.class)),
                                rs.getObject("deleted_at", OffsetDateTime.class).toInstant(), position));
            }
            return changes;
        }, tenant.value(), after, tenant.value(), after, limit);
    }

    @Override
    public void forgetDeletionsBefore(TenantId tenant, Instant horizon) {
        statements.update(FORGET, tenant.value(), at(horizon), tenant.value());
    }

    @Override
    public void forgetDeletionsBeyond(TenantId tenant, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep at least one tombstone, not " + keep);
        }
        statements.update(FORGET_BEYOND, tenant.value(), tenant.value(), keep, tenant.value());
    }

    @Override
    public long forgottenThrough(TenantId tenant) {
        return statements.query(FORGOTTEN_THROUGH, rs -> rs.next() ? rs.getLong(1) : 0L, tenant.value());
    }

    private static boolean matches(Todo todo, OptionalLong expectedVersion) {
        return expectedVersion.isEmpty() || expectedVersion.getAsLong() == todo.version();
    }

    private static Optional<Todo> one(ResultSet rs, TenantId tenant) throws SQLException {
        return rs.next() ? Optional.of(todo(rs, 0, tenant)) : Optional.empty();
    }

    private static List<Todo> all(ResultSet rs, TenantId tenant) throws SQLException {
        List<Todo> todos = new ArrayList<>();
        while (rs.next()) {
            todos.add(todo(rs, 0, tenant));
        }
        return todos;
    }

    /**
     * The todo in the current row, its {@link #COLUMNS} read by position after {@code before} others; the statement
     * selected only {@code tenant}'s rows, so its checked id serves as the owner.
     */
    private static Todo todo(ResultSet rs, int before, TenantId tenant) throws SQLException {
        String userId = rs.getString(before + 2);
        return Todo.restore(new TodoId(rs.getObject(before + 1, UUID.class)),
                tenant.value().equals(userId) ? tenant : TenantId.of(userId), Title.stored(rs.getString(before + 3)),
                Description.storedNullable(rs.getString(before + 4)), plan(rs, before + 9),
                new Todo.Place(OrderKey.parse(rs.getString(before + 15)), id(rs, before + 16)), id(rs, before + 17),
                rs.getBoolean(before + 5), rs.getObject(before + 6, OffsetDateTime.class).toInstant(),
                rs.getObject(before + 7, OffsetDateTime.class).toInstant(), rs.getLong(before + 8));
    }

    private static @Nullable TodoId id(ResultSet rs, int column) throws SQLException {
        UUID id = rs.getObject(column, UUID.class);
        return id == null ? null : new TodoId(id);
    }

    /**
     * The values of a todo's plan and search columns, in the order INSERT and UPDATE write them: priority, due date,
     * time, zone and instant, tags, tag keys, search words, title words.
     */
    private static List<@Nullable Object> planValues(Todo todo) {
        List<@Nullable Object> values = new ArrayList<>(9);
        values.add(todo.priority().rank());
        values.addAll(dueValues(todo.due().orElse(null)));
        values.add(todo.tags().names().toArray(String[]::new));
        values.add(todo.tags().keys().toArray(String[]::new));
        values.add(SearchWords.of(todo));
        values.add(SearchWords.ofTitle(todo));
        return values;
    }

    /** The values of the due columns, in the order every statement writes them: date, time, zone and instant. */
    private static List<@Nullable Object> dueValues(@Nullable Due due) {
        List<@Nullable Object> values = new ArrayList<>(4);
        values.add(due == null ? null : due.date());
        values.add(due == null ? null : due.time());
        ZoneId zone = due == null ? null : due.zone();
        values.add(zone == null ? null : zone.getId());
        values.add(due == null ? null : due.at().map(JdbcTodoRepository::at).orElse(null));
        return values;
    }

    /**
     * The values of a todo's recurrence and place columns, in the order INSERT and UPDATE write them: recurrence,
     * position, parent, next occurrence.
     */
    private static List<@Nullable Object> placeValues(Todo todo) {
        List<@Nullable Object> values = new ArrayList<>(4);
        values.add(todo.recurrence().map(Recurrence::value).orElse(null));
        values.add(todo.position().value());
        values.add(todo.parent().map(TodoId::value).orElse(null));
        values.add(todo.nextOccurrence().map(TodoId::value).orElse(null));
        return values;
    }

    /** The plan in the current row, its columns read by position from {@code first} on. */
    private static Todo.Plan plan(ResultSet rs, int first) throws SQLException {
        LocalDate date = rs.getObject(first + 1, LocalDate.class);
        String zone = rs.getString(first + 3);
        Due due = date == null ? null : new Due(date, rs.getObject(first + 2, LocalTime.class),
                zone == null ? null : ZoneId.of(zone));
        String recurrence = rs.getString(first + 5);
        return new Todo.Plan(due, Priority.ofRank(rs.getInt(first)),
                Tags.stored(Arrays.asList((String[]) rs.getArray(first + 4).getArray())),
                recurrence == null ? null : Recurrence.parse(recurrence));
    }

    private static @Nullable String description(Todo todo) {
        return todo.description().map(Description::value).orElse(null);
    }

    /** An instant as it is bound to a {@code timestamptz} parameter. */
    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static void requireOwner(TenantId tenant, Todo todo) {
        if (!todo.isOwnedBy(tenant)) {
            throw new IllegalArgumentException("todo " + todo.id() + " is not owned by the acting tenant");
        }
    }
}
