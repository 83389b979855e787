package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.Due;
import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.port.out.RecordedOutcome;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository.Edit;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import io.micronaut.context.ApplicationContext;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the schema and the adapter ready to be sharded by tenant (docs/scaling.md): on Citus, with every table
 * distributed by {@code user_id}, a key must start with {@code user_id} to be enforceable, and a statement is routed
 * to one shard only when every table it reads or changes is pinned to one tenant by a {@code user_id = $n}
 * predicate (or, for an insert, a {@code user_id} value). Row-level security's own predicate does not count: it
 * names a setting, not a value the router can see.
 *
 * <p>The statements checked are the ones the adapter really sends, taken from the PostgreSQL driver's protocol
 * log while every operation of the adapter runs; each is planned by PostgreSQL with a generic plan, and every scan
 * of a table in the plan must carry the tenant predicate. Both checks are shown failing on bad examples.
 */
class ShardReadinessTest {

    private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
    private static final Pattern PARSE = Pattern.compile("(?s) FE=> Parse\\(stmt=[^,]*,query=\"(.*)\",oids=\\{.*");
    private static final Pattern TENANT_PREDICATE = Pattern.compile("user_id\\)?(?:::[a-z ]+)? = \\(?\\$\\d+");
    private static final Set<String> SENT = Collections.synchronizedSet(new LinkedHashSet<>());
    private static volatile boolean capturing;
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Matcher m = capturing ? PARSE.matcher(record.getMessage()) : null;
            if (m != null && m.matches()) {
                SENT.add(normalize(m.group(1)));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static TestPostgres.Database database;
    private static ApplicationContext context;
    private static Level driverLevel;

    @BeforeAll
    static void start() {
        database = TestPostgres.createDatabase();
        context = PostgresTestSupport.start(database);
        driverLevel = DRIVER.getLevel();
        DRIVER.setLevel(Level.FINEST);
        CAPTURE.setLevel(Level.FINEST);
        DRIVER.addHandler(CAPTURE);
    }

    @AfterAll
    static void stop() {
        DRIVER.removeHandler(CAPTURE);
        DRIVER.setLevel(driverLevel);
        context.close();
    }

    @Test
    void everyKeyOfEveryTableStartsWithTheTenant() throws SQLException {
        try (Connection connection = database.connect()) {
            assertThat(tables(connection)).contains("todo", "todo_tombstone", "tenant_state", "idempotency_key");
            assertThat(keysWithoutTheTenantFirst(connection)).isEmpty();
        }
    }

    @Test
    void theKeyCheckCatchesKeysThatDoNotStartWithTheTenant() throws SQLException {
        try (Connection connection = TestPostgres.createDatabase().connect(); Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE good (user_id text, id uuid, PRIMARY KEY (user_id, id))");
            s.execute("CREATE TABLE bad (id uuid PRIMARY KEY, user_id text, title text, UNIQUE (title, user_id))");
            s.execute("CREATE UNIQUE INDEX bad_lower_title ON bad (lower(title))");
            s.execute("CREATE TABLE child (user_id text, id uuid, good_id uuid REFERENCES bad (id))");
            assertThat(keysWithoutTheTenantFirst(connection)).containsExactlyInAnyOrder(
                    "bad: bad_pkey (id)", "bad: bad_title_user_id_key (title, user_id)",
                    "bad: bad_lower_title (lower(title))", "child: foreign key child_good_id_fkey (good_id)");
        }
    }

    @Test
    void everyStatementTheAdapterSendsIsPinnedToOneTenant() throws Exception {
        capturing = true;
        try {
            exerciseTheWholeAdapter();
        } finally {
            capturing = false;
        }
        List<String> sent;
        synchronized (SENT) {
            sent = new ArrayList<>(SENT);
        }
        assertThat(sent).containsAll(declaredStatements());
        List<String> queries = sent.stream().filter(sql -> sql.matches("(?is)(WITH|SELECT|INSERT|UPDATE|DELETE)\\b.*"))
                .toList();
        assertThat(sent).filteredOn(sql -> !queries.contains(sql))
                .allMatch(sql -> sql.matches("(?is)(BEGIN|COMMIT|ROLLBACK|SET TRANSACTION)\\b.*"));
        List<String> unpinned = new ArrayList<>();
        try (Connection connection = database.admin().connect()) {
            for (String sql : queries) {
                unpinned.addAll(unpinnedScans(connection, sql));
            }
        }
        assertThat(unpinned).isEmpty();
    }

    @Test
    void theStatementCheckCatchesStatementsThatReachPastOneTenant() throws SQLException {
        try (Connection connection = database.admin().connect()) {
            assertThat(unpinnedScans(connection, "SELECT id FROM todo WHERE id = $1")).hasSize(1);
            assertThat(unpinnedScans(connection,
                    "SELECT id FROM todo WHERE user_id = current_setting('app.user_id', true)")).hasSize(1);
            assertThat(unpinnedScans(connection, "DELETE FROM todo_tombstone WHERE deleted_at < $1")).hasSize(1);
            assertThat(unpinnedScans(connection, "UPDATE tenant_state SET change_seq = change_seq + 1")).hasSize(1);
            assertThat(unpinnedScans(connection,
                    "INSERT INTO todo_tombstone (id, deleted_at, change_seq) VALUES ($1, $2, $3)")).hasSize(1);
            assertThat(unpinnedScans(connection, "SELECT t.id FROM todo t JOIN todo_tombstone d ON d.id = t.id "
                    + "WHERE t.user_id = $1")).hasSize(1);
            assertThat(unpinnedScans(connection, "SELECT t.id FROM todo t JOIN todo_tombstone d ON d.id = t.id "
                    + "WHERE t.user_id = $1 AND d.user_id = $1")).isEmpty();
            assertThat(unpinnedScans(connection, "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))"))
                    .isEmpty();
        }
    }

    /** Every operation of the adapter, in each of its forms, so that every statement it can send is sent. */
    private static void exerciseTheWholeAdapter() {
        JdbcTodoRepository repository = context.getBean(JdbcTodoRepository.class);
        JdbcIdempotencyKeys keys = context.getBean(JdbcIdempotencyKeys.class);
        JdbcUnitOfWork unitOfWork = context.getBean(JdbcUnitOfWork.class);
        TenantId tenant = TenantId.of("shard-" + UUID.randomUUID());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Todo first = Todo.create(TodoId.random(), tenant, Title.of("first"), null, now);
        Todo second = Todo.create(TodoId.random(), tenant, Title.of("second"), null, now);
        Todo subtask = Todo.create(TodoId.random(), tenant, Title.of("subtask"), null, Todo.Plan.NONE, first.id(), now);
        in(unitOfWork, tenant, Intent.WRITE, () -> {
            repository.holdWrites(tenant);
            repository.insert(tenant, first, 100);
            repository.insert(tenant, second, 100);
            repository.insert(tenant, subtask, 100);
            Todo done = repository.findForUpdate(tenant, second.id()).orElseThrow()
                    .apply(TodoChanges.none().completed(true), now.plusSeconds(1));
            repository.update(tenant, done, second.version());
            return null;
        });
        // A change on its own in one statement (ADR 0042), in its every form: each member, a flip, both conditions.
        repository.change(tenant, second.id(), OptionalLong.empty(), Edit.flip(), now.plusSeconds(1));
        repository.change(tenant, second.id(), OptionalLong.of(3), Edit.completing(Edit.of(TodoChanges.none()
                .completed(true).priority(Priority.HIGH).due(Due.allDay(LocalDate.EPOCH))), null), now.plusSeconds(1));
        in(unitOfWork, tenant, Intent.READ, () -> {
            repository.find(tenant, first.id());
            repository.findAll(tenant);
            SearchQuery search = SearchQuery.parse("fir st");
            // Relevance needs a search; every other order is also listed with every criterion at once.
            TodoFilter everything = TodoFilter.ALL.withCompleted(Optional.of(false))
                    .withPriorities(Set.of(Priority.HIGH, Priority.NONE)).withTags(List.of(new Tag("home")))
                    .withDueBetween(Optional.of(LocalDate.EPOCH), Optional.of(LocalDate.EPOCH))
                    .withHasDue(Optional.of(true)).withOverdue(Optional.of(false), ZoneId.of("Europe/Berlin"))
                    .withSearch(Optional.of(search)).withParent(Optional.of(first.id()));
            for (TodoSort.Field field : TodoSort.Field.values()) {
                for (boolean descending : List.of(false, true)) {
                    TodoSort sort = new TodoSort(field, descending);
                    TodoFilter plain = field == TodoSort.Field.RELEVANCE
                            ? TodoFilter.ALL.withSearch(Optional.of(search)) : TodoFilter.ALL;
                    for (TodoFilter filter : List.of(plain, plain.withCompleted(Optional.of(true)), everything)) {
                        for (Optional<TodoPosition> after : List.of(Optional.<TodoPosition>empty(),
                                Optional.of(TodoPosition.after(sort, first, search)))) {
                            for (OptionalInt limit : List.of(OptionalInt.empty(), OptionalInt.of(10))) {
                                repository.find(tenant, new TodoQuery(filter, now, sort, after, limit));
                            }
                        }
                    }
                }
            }
            repository.countTags(tenant);
            repository.changesSince(tenant, 0, 10);
            repository.forgottenThrough(tenant);
            return null;
        });
        in(unitOfWork, tenant, Intent.WRITE, () -> {
            repository.deleteSubtasks(tenant, first.id(), now.plusSeconds(2));
            repository.delete(tenant, first.id(), now.plusSeconds(2));
            repository.delete(tenant, second.id(), OptionalLong.of(4), now.plusSeconds(2));
            repository.deleteCompleted(tenant, now.plusSeconds(3));
            repository.forgetDeletionsBefore(tenant, now.plusSeconds(10));
            repository.forgetDeletionsBeyond(tenant, 1);
            IdempotencyKey key = new IdempotencyKey(UUID.randomUUID().toString());
            keys.claim(tenant, key);
            keys.find(tenant, key, now);
            keys.record(tenant, key, new RecordedOutcome("fp", new byte[] {1}, now.plusSeconds(60)));
            keys.forgetExpired(tenant, now);
            keys.forgetAllBut(tenant, 1);
            return null;
        });
    }

    private static void in(JdbcUnitOfWork unitOfWork, TenantId tenant, Intent intent, Supplier<Void> work) {
        unitOfWork.execute(tenant, intent, work);
    }

    /**
     * The SQL the adapter declares (its statement constants), as the driver sends
     * it: the check above is only as good as its coverage, and this makes a new statement that was never run fail.
     */
    private static List<String> declaredStatements() throws IllegalAccessException {
        List<String> declared = new ArrayList<>();
        for (Class<?> type : List.of(JdbcTodoRepository.class, JdbcIdempotencyKeys.class, TenantStatements.class)) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())
                        && Modifier.isFinal(field.getModifiers())) {
                    field.setAccessible(true);
                    // A constant of several statements (one per line, ending in ";") reaches the server as
                    // each of them, numbered on its own.
                    for (String sql : ((String) field.get(null)).split(";\\s*\\n")) {
                        if (sql.strip().matches("(?is)(WITH|SELECT|INSERT|UPDATE|DELETE)\\b.*")) {
                            declared.add(normalize(numbered(sql, Pattern.compile("\\?"))));
                        }
                    }
                }
            }
        }
        assertThat(declared).hasSizeGreaterThanOrEqualTo(12);
        return declared;
    }

    private static String numbered(String sql, Pattern placeholder) {
        Matcher m = placeholder.matcher(sql);
        StringBuilder out = new StringBuilder();
        int n = 0;
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement("$" + ++n));
        }
        return m.appendTail(out).toString();
    }

    private static String normalize(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    /**
     * The scans of a statement's generic plan that no tenant predicate pins, and its inserts without a tenant
     * value; empty when the statement touches one tenant's rows only. Planned as a superuser, who bypasses
     * row-level security: otherwise the planner would derive {@code user_id = $n} for every table from the
     * policies' shared {@code current_setting}, which a shard router cannot.
     */
    static List<String> unpinnedScans(Connection connection, String sql) throws SQLException {
        List<String> unpinned = new ArrayList<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            s.execute("PREPARE shard_check AS " + sql);
            try {
                int parameters;
                try (ResultSet rows = s.executeQuery("SELECT cardinality(parameter_types) FROM pg_prepared_statements "
                        + "WHERE name = 'shard_check'")) {
                    rows.next();
                    parameters = rows.getInt(1);
                }
                String plan;
                try (ResultSet rows = s.executeQuery("EXPLAIN (FORMAT JSON, VERBOSE) EXECUTE shard_check"
                        + (parameters == 0 ? "" : "(" + String.join(", ", Collections.nCopies(parameters, "NULL"))
                        + ")"))) {
                    rows.next();
                    plan = rows.getString(1);
                }
                try (PreparedStatement nodes = connection.prepareStatement("""
                        SELECT n->>'Node Type', coalesce(n->>'Operation', ''), n->>'Relation Name',
                               concat_ws(' ', n->>'Index Cond', n->>'Filter', n->>'Recheck Cond',
                                         (SELECT string_agg(c->>'Index Cond', ' ')
                                          FROM jsonb_array_elements(coalesce(n->'Plans', '[]')) c))
                        FROM jsonb_path_query(?::jsonb, 'strict $.** ? (exists (@."Relation Name"))') n""")) {
                    nodes.setString(1, plan);
                    try (ResultSet rows = nodes.executeQuery()) {
                        while (rows.next()) {
                            String node = rows.getString(1);
                            String operation = rows.getString(2);
                            String relation = rows.getString(3);
                            if (node.equals("ModifyTable")) {
                                if (operation.equals("Insert") && !insertsTenant(sql, relation)) {
                                    unpinned.add("insert into " + relation + " without user_id: " + sql);
                                }
                            } else if (!TENANT_PREDICATE.matcher(rows.getString(4)).find()) {
                                unpinned.add(node + " on " + relation + " without user_id = $n: " + sql);
                            }
                        }
                    }
                }
            } finally {
                s.execute("DEALLOCATE shard_check");
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        return unpinned;
    }

    private static boolean insertsTenant(String sql, String relation) {
        Matcher m = Pattern.compile("(?i)INSERT INTO " + Pattern.quote(relation) + "(?:\\s+AS\\s+\\w+)?\\s*\\(([^)]*)\\)")
                .matcher(sql);
        while (m.find()) {
            if (m.group(1).matches("(?s).*\\buser_id\\b.*")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /**
     * Unique indexes (primary keys and unique constraints among them) whose first column is not {@code user_id},
     * and foreign keys that do not include it, on every table but Liquibase's own.
     */
    static List<String> keysWithoutTheTenantFirst(Connection connection) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("""
                SELECT t.relname || ': ' || i.relname || ' ('
                       || pg_get_indexdef(x.indexrelid, 1, true)
                       || coalesce((SELECT string_agg(', ' || pg_get_indexdef(x.indexrelid, k, true), '' ORDER BY k)
                                    FROM generate_series(2, x.indnkeyatts) k), '') || ')'
                FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = 'public' AND x.indisunique
                  AND t.relname NOT IN ('databasechangelog', 'databasechangeloglock')
                  AND (x.indkey[0] = 0 OR (SELECT attname FROM pg_attribute
                                           WHERE attrelid = t.oid AND attnum = x.indkey[0]) <> 'user_id')
                UNION ALL
                SELECT t.relname || ': foreign key ' || c.conname || ' ('
                       || (SELECT string_agg(a.attname, ', ') FROM pg_attribute a
                           WHERE a.attrelid = t.oid AND a.attnum = ANY (c.conkey)) || ')'
                FROM pg_constraint c
                JOIN pg_class t ON t.oid = c.conrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = 'public' AND c.contype = 'f'
                  AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = t.oid
                                  AND a.attnum = ANY (c.conkey) AND a.attname = 'user_id')""")) {
            while (rows.next()) {
                found.add(rows.getString(1));
            }
        }
        return found;
    }
}
