package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/** The changelog, run as Liquibase runs it, and the schema it leaves. */
class SchemaMigrationTest {

    private static final String CHANGELOG = "db/changelog/db.changelog-master.xml";

    @Test
    void everyChangesetRollsBackAndAppliesAgain() throws Exception {
        TestPostgres.Database db = TestPostgres.createDatabase();
        try (Connection connection = db.connect()) {
            liquibase(connection, "update");
            List<String> applied = changesets(connection);
            assertThat(applied).isNotEmpty();
            assertThat(tables(connection)).contains("todo");

            liquibase(connection, "rollbackCount", "count", applied.size());
            assertThat(changesets(connection)).isEmpty();
            assertThat(tables(connection)).doesNotContain("todo");

            liquibase(connection, "update");
            assertThat(changesets(connection)).isEqualTo(applied);
            assertThat(primaryKeyColumns(connection)).containsExactly("user_id", "id");
        }
    }

    @Test
    void theServicesMigrationAppliesWhatIsMissingOnceAndFailsLoudlyOnAForeignSchema() throws Exception {
        TestPostgres.Database db = TestPostgres.createDatabase();
        try (Connection connection = db.connect()) {
            liquibase(connection, "updateCount", "count", 2);
            connection.setAutoCommit(true);
            int total = SchemaMigrations.migrate(connection) + 2;
            assertThat(changesets(connection)).hasSize(total);
            assertThat(SchemaMigrations.migrate(connection)).isZero();
            assertThat(connection.getAutoCommit()).isTrue();
        }
        TestPostgres.Database clash = TestPostgres.createDatabase();
        try (Connection connection = clash.connect(); java.sql.Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE todo (id int)");
            assertThatThrownBy(() -> SchemaMigrations.migrate(connection))
                    .isInstanceOf(SchemaMigrations.SchemaMigrationException.class)
                    .hasMessageContaining("todo");
            connection.setAutoCommit(true);
            assertThat(tables(connection)).contains("todo").doesNotContain("todo_tombstone");
        }
    }

    /**
     * Without a lock around it, Liquibase creates its tables before taking its own lock: one instance failed on
     * CREATE TABLE databasechangelog, or the two deadlocked (each holding what the other waits for) until
     * Liquibase's five-minute wait ran out. The timeout is that hang's bound, far above the seconds this takes.
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
    void twoInstancesMigratingAnEmptyDatabaseAtOnceTakeTurnsAndApplyEachChangesetOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestPostgres.Database db = TestPostgres.createDatabase();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Integer>> runs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    runs.add(pool.submit(() -> {
                        try (Connection connection = db.connect()) {
                            go.await();
                            return SchemaMigrations.migrate(connection);
                        }
                    }));
                }
                go.countDown();
                List<Integer> applied = new ArrayList<>();
                for (java.util.concurrent.Future<Integer> run : runs) {
                    applied.add(run.get());
                }
                try (Connection connection = db.connect()) {
                    int changesets = changesets(connection).size();
                    assertThat(applied).as("round %d: one applies everything, the other finds it done", round)
                            .containsExactlyInAnyOrder(changesets, 0);
                    assertThat(changesets).isPositive();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aSchemaAtThisVeryChangelogIsNotHandedToLiquibaseAgain() throws Exception {
        TestPostgres.Database db = TestPostgres.createDatabase();
        try (Connection connection = db.connect(); java.sql.Statement s = connection.createStatement()) {
            assertThat(SchemaMigrations.migrate(connection)).isPositive();
            String fingerprint = SchemaMigrations.fingerprint().text();
            assertThat(strings(connection, "SELECT obj_description('databasechangelog'::regclass, 'pg_class')"))
                    .containsExactly(fingerprint);

            // Liquibase would wait for this lock (minutes) before it even looked: the fast path does not touch it.
            s.execute("UPDATE databasechangeloglock SET locked = true, lockgranted = now(), lockedby = 'test'");
            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThat(SchemaMigrations.migrate(connection))
                    .isZero());
            s.execute("UPDATE databasechangeloglock SET locked = false, lockgranted = NULL, lockedby = NULL");

            // Another fingerprint (a changed changelog): Liquibase runs, finds nothing to do, and writes this one.
            s.execute("COMMENT ON TABLE databasechangelog IS 'todo changelog 1 changesets sha-256 00'");
            assertThat(SchemaMigrations.migrate(connection)).isZero();
            assertThat(strings(connection, "SELECT obj_description('databasechangelog'::regclass, 'pg_class')"))
                    .containsExactly(fingerprint);
        }
        // The fingerprint of this changelog, but a changeset short (rolled back after it was written): Liquibase runs.
        TestPostgres.Database behind = TestPostgres.createDatabase();
        SchemaMigrations.Fingerprint fingerprint = SchemaMigrations.fingerprint();
        try (Connection connection = behind.connect(); java.sql.Statement s = connection.createStatement()) {
            liquibase(connection, "updateCount", "count", fingerprint.changesets() - 1);
            connection.setAutoCommit(true);
            s.execute("COMMENT ON TABLE databasechangelog IS '" + fingerprint.text() + "'");
            assertThat(SchemaMigrations.migrate(connection)).isEqualTo(1);
            assertThat(changesets(connection)).hasSize(fingerprint.changesets());
        }
    }

    @Test
    void theTableIsKeyedAndIndexedByTenantFirst() throws Exception {
        TestPostgres.Database db = TestPostgres.createDatabase();
        try (Connection connection = db.connect()) {
            liquibase(connection, "update");
            assertThat(primaryKeyColumns(connection)).containsExactly("user_id", "id");
            assertThat(indexColumns(connection, "todo_user_created_id_idx"))
                    .containsExactly("user_id", "created_at", "id");
            assertThat(strings(connection, """
                    SELECT c.relname || ' ' || pg_get_indexdef(i.indexrelid, 1, true) FROM pg_index i
                    JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'todo'::regclass ORDER BY c.relname"""))
                    .allMatch(index -> index.endsWith(" user_id")).contains("todo_user_search_idx user_id",
                            "todo_user_tags_idx user_id", "todo_user_priority_created_id_idx user_id",
                            "todo_user_due_idx user_id");
            assertThat(indexColumns(connection, "todo_user_search_idx")).containsExactly("user_id", "search_words");
            assertThat(indexColumns(connection, "todo_user_tags_idx")).containsExactly("user_id", "tag_keys");
            assertThat(columnTypes(connection)).containsExactly(
                    "id uuid NO",
                    "user_id character varying(128) NO",
                    "title character varying(255) NO",
                    "description character varying(2000) YES",
                    "is_completed boolean NO",
                    "created_at timestamp with time zone NO",
                    "updated_at timestamp with time zone NO",
                    "version bigint NO",
                    "change_seq bigint NO",
                    "priority smallint NO",
                    "due_date date YES",
                    "due_time time without time zone YES",
                    "due_zone text YES",
                    "due_at timestamp with time zone YES",
                    "tags text[] NO",
                    "tag_keys text[] NO",
                    "search_words tsvector NO",
                    "title_words tsvector NO",
                    "recurrence text YES",
                    "position text NO",
                    "parent_id uuid YES",
                    "next_occurrence_id uuid YES");
        }
    }

    @Test
    void everyTenantTableHasRowLevelSecurityEnabledAndForced() throws Exception {
        TestPostgres.Database db = TestPostgres.createDatabase();
        try (Connection connection = db.connect()) {
            liquibase(connection, "update");
            List<String> tenantTables = strings(connection, """
                    SELECT c.relname || ' ' || c.relrowsecurity || ' ' || c.relforcerowsecurity || ' '
                           || (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid)
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = 'public' AND c.relkind = 'r'
                      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'user_id')
                    ORDER BY c.relname""");
            assertThat(tenantTables).isNotEmpty().allSatisfy(t -> assertThat(t).endsWith(" true true 1"));
            assertThat(tenantTables).contains("todo true true 1");
        }
    }

    @Test
    void theChangeFeedMigrationNumbersExistingTodosPerTenant() throws Exception {
        TestPostgres.Database db = TestPostgres.createDatabase();
        try (Connection connection = db.connect(); Connection admin = db.admin().connect();
             java.sql.Statement s = admin.createStatement()) {
            liquibase(connection, "updateCount", "count", 5);
            s.execute("""
                    INSERT INTO todo (id, user_id, title, is_completed, created_at, updated_at, version) VALUES
                      ('00000000-0000-4000-8000-000000000001', 'alice', 'a1', false, now() - interval '9 s',
                       now() - interval '2 s', 1),
                      ('00000000-0000-4000-8000-000000000002', 'alice', 'a2', false, now() - interval '9 s',
                       now() - interval '3 s', 1),
                      ('00000000-0000-4000-8000-000000000003', 'bob', 'b1', false, now(), now(), 1)""");
            liquibase(connection, "update");
            assertThat(strings(admin, "SELECT user_id || ' ' || title || ' ' || change_seq FROM todo ORDER BY title"))
                    .containsExactly("alice a1 2", "alice a2 1", "bob b1 1");
            assertThat(strings(admin, "SELECT user_id || ' ' || change_seq || ' ' || todo_count FROM tenant_state "
                    + "ORDER BY user_id")).containsExactly("alice 2 2", "bob 1 1");
            assertThat(strings(admin, "SELECT relforcerowsecurity::text FROM pg_class WHERE relname = 'todo'"))
                    .containsExactly("true");
        }
    }

    /**
     * Issue 14: changeset 0009 turns kept idempotent answers of the earlier form (one JSON object whose body is an
     * array of Java's signed bytes as decimal numbers) into a line of JSON and the body's bytes, and its rollback
     * turns them back.
     */
    @Test
    void theIdempotentAnswersMigrationKeepsBodiesAsTheirBytes() throws Exception {
        TestPostgres.Database db = TestPostgres.createDatabase();
        try (Connection connection = db.connect(); Connection admin = db.admin().connect();
             java.sql.Statement s = admin.createStatement()) {
            liquibase(connection, "updateCount", "count", 8);
            // {"t":"é😀"} as Java's bytes: é is C3 A9, 😀 is F0 9F 98 80.
            String body = "[123,34,116,34,58,34,-61,-87,-16,-97,-104,-128,34,125]";
            s.execute("INSERT INTO idempotency_key (user_id, key, fingerprint, outcome, created_at, expires_at) VALUES "
                    + "('alice', 'k1', 'f', convert_to('{\"status\":201,\"location\":\"/api/v1/todos/1\","
                    + "\"etag\":\"\\\"1\\\"\",\"body\":" + body + "}', 'UTF8'), now(), now() + interval '1 day'), "
                    + "('bob', 'k2', 'f', convert_to('{\"status\":200,\"location\":null,\"etag\":null,"
                    + "\"body\":[]}', 'UTF8'), now(), now() + interval '1 day')");
            String before = String.join("|", strings(admin,
                    "SELECT convert_from(outcome, 'UTF8')::jsonb::text FROM idempotency_key ORDER BY key"));

            liquibase(connection, "updateCount", "count", 1);
            assertThat(strings(admin, "SELECT encode(outcome, 'escape') FROM idempotency_key ORDER BY key"))
                    .hasSize(2);
            byte[][] kept = bytes(admin, "SELECT outcome FROM idempotency_key ORDER BY key");
            String alice = new String(kept[0], java.nio.charset.StandardCharsets.UTF_8);
            assertThat(alice).endsWith("\n{\"t\":\"é😀\"}");
            assertThat(alice.substring(0, alice.indexOf('\n'))).contains("\"status\": 201")
                    .contains("\"location\": \"/api/v1/todos/1\"").contains("\"etag\": \"\\\"1\\\"\"");
            assertThat(new String(kept[1], java.nio.charset.StandardCharsets.UTF_8)).endsWith("\n")
                    .contains("\"location\": null");
            assertThat(strings(admin, "SELECT relforcerowsecurity::text FROM pg_class "
                    + "WHERE relname = 'idempotency_key'")).containsExactly("true");

            liquibase(connection, "rollbackCount", "count", 1);
            assertThat(String.join("|", strings(admin,
                    "SELECT convert_from(outcome, 'UTF8')::jsonb::text FROM idempotency_key ORDER BY key")))
                    .isEqualTo(before);
        }
    }

    /**
     * Issue 17: changeset 0010 gives todos stored before it their search words, so that a search finds them, with
     * the plan every old todo had (no due, priority none, no tags); row-level security is forced again after it.
     */
    @Test
    void thePlanAndSearchMigrationMakesEarlierTodosFoundBySearch() throws Exception {
        TestPostgres.Database db = TestPostgres.createDatabase();
        try (Connection connection = db.connect(); Connection admin = db.admin().connect();
             java.sql.Statement s = admin.createStatement()) {
            liquibase(connection, "updateCount", "count", 9);
            s.execute("""
                    INSERT INTO todo (id, user_id, title, description, is_completed, created_at, updated_at, version,
                                      change_seq) VALUES
                      ('00000000-0000-4000-8000-000000000001', 'alice', 'Café au LAIT', 'Straße', false, now(),
                       now(), 1, 1),
                      ('00000000-0000-4000-8000-000000000002', 'alice', 'Tee', 'mit Café', false, now(), now(), 1, 2),
                      ('00000000-0000-4000-8000-000000000003', 'bob', 'café', NULL, false, now(), now(), 1, 1)""");
            s.execute("INSERT INTO tenant_state (user_id, change_seq, todo_count) VALUES ('alice', 2, 2), "
                    + "('bob', 1, 1)");
            // More than the backfill's batch, for tenants before and after the others.
            s.execute("""
                    INSERT INTO todo (id, user_id, title, is_completed, created_at, updated_at, version, change_seq)
                    SELECT gen_random_uuid(), CASE WHEN g % 2 = 0 THEN 'aaron' ELSE 'carol' END, 'Bulk ' || g, false,
                           now(), now(), 1, g
                    FROM generate_series(1, 1234) g""");
            liquibase(connection, "update");
            assertThat(strings(admin, "SELECT count(*) FROM todo WHERE search_words @@ 'bulk'::tsquery "
                    + "AND title_words @@ split_part(title, ' ', 2)::tsquery"))
                    .containsExactly("1234");
            s.execute("DELETE FROM todo WHERE user_id IN ('aaron', 'carol')");
            assertThat(strings(admin, "SELECT user_id || ' ' || search_words::text || ' / ' || title_words::text"
                    + " || ' ' || priority || ' ' || tags::text || ' ' || (due_date IS NULL) FROM todo ORDER BY id"))
                    .containsExactly("alice 'au' 'cafe' 'lait' 'straße' / 'au' 'cafe' 'lait' 0 {} true",
                            "alice 'cafe' 'mit' 'tee' / 'tee' 0 {} true", "bob 'cafe' / 'cafe' 0 {} true");
            assertThat(strings(admin, "SELECT relforcerowsecurity::text FROM pg_class WHERE relname = 'todo'"))
                    .containsExactly("true");
        }
        try (ApplicationContext context = PostgresTestSupport.start(db)) {
            JdbcTodoRepository repository = context.getBean(JdbcTodoRepository.class);
            TenantId alice = TenantId.of("alice");
            SearchQuery search = SearchQuery.parse("CAFE");
            TodoQuery query = new TodoQuery(TodoFilter.ALL.withSearch(Optional.of(search)), Instant.now(),
                    TodoSort.RELEVANCE, Optional.empty(), OptionalInt.empty());
            List<String> found = context.getBean(JdbcUnitOfWork.class).execute(alice, Intent.READ,
                    () -> repository.find(alice, query).stream().map(todo -> todo.title().value()).toList());
            assertThat(found).containsExactly("Café au LAIT", "Tee");
        }
    }

    /**
     * Issue 18: changeset 0011 gives every todo stored before it the key a todo created then gets
     * ({@link OrderKey#forNew} of its creation and id), unique in its tenant, so that the position order starts as the
     * creation order; the todos are read back through the adapter, and row-level security is forced again.
     */
    @Test
    void theOrderMigrationGivesEarlierTodosTheKeysOfTheirCreation() throws Exception {
        TestPostgres.Database db = TestPostgres.createDatabase();
        try (Connection connection = db.connect(); Connection admin = db.admin().connect();
             java.sql.Statement s = admin.createStatement()) {
            liquibase(connection, "updateCount", "count", 10);
            // More than the backfill's batch, for tenants before and after each other; pairs created at once.
            s.execute("""
                    INSERT INTO todo (id, user_id, title, is_completed, created_at, updated_at, version, change_seq)
                    SELECT gen_random_uuid(), CASE WHEN g % 3 = 0 THEN 'aaron' ELSE 'carol' END, 'Bulk ' || g, false,
                           TIMESTAMPTZ '2026-01-01 00:00:00.000001Z' + (g / 2) * interval '1.000001 s',
                           TIMESTAMPTZ '2027-01-01 00:00:00Z', 1, g
                    FROM generate_series(1, 1234) g""");
            liquibase(connection, "update");
            List<String> rows = strings(admin, "SELECT user_id || ' ' || id || ' ' || (extract(epoch FROM created_at)"
                    + " * 1000000)::bigint || ' ' || position FROM todo ORDER BY user_id, position");
            assertThat(rows).hasSize(1234);
            String previous = "";
            Instant previousCreated = Instant.MIN;
            for (String row : rows) {
                String[] parts = row.split(" ");
                Instant created = Instant.EPOCH.plus(Long.parseLong(parts[2]), java.time.temporal.ChronoUnit.MICROS);
                assertThat(parts[3]).as(row)
                        .isEqualTo(OrderKey.forNew(created, TodoId.parse(parts[1])).value());
                if (parts[0].equals(previous)) {
                    assertThat(created).as(row).isAfterOrEqualTo(previousCreated);
                }
                previous = parts[0];
                previousCreated = created;
            }
            assertThat(strings(admin, "SELECT count(DISTINCT (user_id, position)) FROM todo"))
                    .containsExactly("1234");
            assertThat(strings(admin, "SELECT count(*) FROM todo WHERE recurrence IS NOT NULL OR parent_id IS NOT NULL"
                    + " OR next_occurrence_id IS NOT NULL")).containsExactly("0");
            assertThat(strings(admin, "SELECT relforcerowsecurity::text FROM pg_class WHERE relname = 'todo'"))
                    .containsExactly("true");
        }
        try (ApplicationContext context = PostgresTestSupport.start(db)) {
            JdbcTodoRepository repository = context.getBean(JdbcTodoRepository.class);
            TenantId aaron = TenantId.of("aaron");
            TodoQuery byPosition = new TodoQuery(TodoFilter.ALL, Instant.now(),
                    new TodoSort(TodoSort.Field.POSITION, false), Optional.empty(), OptionalInt.empty());
            List<Todo> listed = context.getBean(JdbcUnitOfWork.class).execute(aaron, Intent.READ,
                    () -> repository.find(aaron, byPosition));
            assertThat(listed).hasSize(1234 / 3).allMatch(todo -> todo.parent().isEmpty())
                    .isSortedAccordingTo(Comparator.comparing(Todo::position));
        }
    }

    private static byte[][] bytes(Connection c, String sql) throws SQLException {
        List<byte[]> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getBytes(1));
            }
        }
        return values.toArray(new byte[0][]);
    }

    private static void liquibase(Connection connection, String command, Object... arguments) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(), () -> {
            CommandScope scope = new CommandScope(command)
                    .addArgumentValue("database", database)
                    .addArgumentValue("changelogFile", CHANGELOG);
            for (int i = 0; i < arguments.length; i += 2) {
                scope.addArgumentValue((String) arguments[i], arguments[i + 1]);
            }
            scope.execute();
        });
    }

    private static List<String> changesets(Connection c) throws SQLException {
        return strings(c, "SELECT id FROM databasechangelog ORDER BY orderexecuted");
    }

    private static List<String> tables(Connection c) throws SQLException {
        return strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    }

    private static List<String> primaryKeyColumns(Connection c) throws SQLException {
        return strings(c, """
                SELECT a.attname FROM pg_index i
                JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = 'todo'::regclass AND i.indisprimary ORDER BY k.n""");
    }

    private static List<String> indexColumns(Connection c, String index) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT a.attname FROM pg_index i
                JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indexrelid = ?::regclass ORDER BY k.n""")) {
            s.setString(1, index);
            return strings(s);
        }
    }

    private static List<String> columnTypes(Connection c) throws SQLException {
        return strings(c, """
                SELECT column_name || ' ' || format_type(atttypid, atttypmod) || ' ' || is_nullable
                FROM information_schema.columns
                JOIN pg_attribute ON attrelid = 'todo'::regclass AND attname = column_name
                WHERE table_name = 'todo' ORDER BY ordinal_position""");
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            return strings(s);
        }
    }

    private static List<String> strings(PreparedStatement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
