package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.todo.domain.port.in.ListTodosQuery;
import dev.todo.domain.port.in.TodoPage;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import dev.todo.domain.service.TodoService;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Filtered, ordered, keyset-paged lists on PostgreSQL, and the indexes that serve them. */
class TodoListingTest {

    private static final TenantId ALICE = TenantId.of("alice");
    /** The index a plan reads, by an index scan or a bitmap index scan. */
    private static final Pattern INDEX_SCAN = Pattern.compile("Index (?:Only )?Scan (?:Backward )?(?:using|on) (\\w+)");
    private static final List<String> TITLES = List.of("b", "A", "a", "😀", "\uFFFD", "c", "B", "b", "Ä", "a b", "ab");
    private static final SearchQuery A = SearchQuery.parse("a");

    private static TestPostgres.Database database;
    private static ApplicationContext context;
    private static TodoService service;

    @BeforeAll
    static void start() throws SQLException {
        database = TestPostgres.createDatabase();
        context = PostgresTestSupport.start(database);
        JdbcTodoRepository repository = context.getBean(JdbcTodoRepository.class);
        JdbcUnitOfWork unitOfWork = context.getBean(JdbcUnitOfWork.class);
        service = new TodoService(repository, unitOfWork, TodoService.Settings.of(Clock.systemUTC()));
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        int n = 0;
        for (String title : TITLES) {
            // Some todos share a creation time, so that the id has to break ties.
            Todo todo = Todo.create(TodoId.random(), ALICE, Title.of(title), null, at.plusSeconds(n++ / 2));
            if (n % 3 == 0) {
                todo = todo.apply(TodoChanges.none().completed(true), at.plusSeconds(100 - n));
            }
            Todo stored = todo;
            unitOfWork.execute(ALICE, Intent.WRITE, () -> {
                repository.insert(ALICE, stored, Integer.MAX_VALUE);
                return null;
            });
        }
        // Plenty of other tenants' rows, so that the planner has a reason to use the indexes; BIG has many. One in a
        // hundred has a high priority, one in a hundred the tag "Rare"; each has a word of its own, w<g>; one in ten
        // of BIG's is a subtask (of the one before it), and each has a key of its own.
        try (Connection c = database.admin().connect(); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO todo (id, user_id, title, is_completed, created_at, updated_at, version, change_seq,
                                      priority, due_date, tags, tag_keys, search_words, title_words, position,
                                      parent_id)
                    SELECT md5('listing' || g)::uuid, CASE WHEN g <= 5000 THEN 'big' ELSE 'tenant-' || (g % 200) END,
                           'title w' || g, g % 2 = 0, now() - g * interval '1 minute', now(), 1, g,
                           CASE WHEN g % 100 = 0 THEN 3 ELSE g % 3 END,
                           CASE WHEN g % 5 = 0 THEN DATE '2026-01-01' + g % 365 END,
                           CASE WHEN g % 100 = 1 THEN ARRAY['Rare', 'Common'] ELSE ARRAY['Common'] END,
                           CASE WHEN g % 100 = 1 THEN ARRAY['rare', 'common'] ELSE ARRAY['common'] END,
                           array_to_tsvector(ARRAY['title', 'w' || g]), array_to_tsvector(ARRAY['title', 'w' || g]),
                           'f1' || lpad(g::text, 5, '0'),
                           CASE WHEN g <= 5000 AND g % 10 = 2 THEN md5('listing' || (g - 1))::uuid END
                    FROM generate_series(1, 25000) g""");
            s.execute("ANALYZE todo");
        }
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static List<Todo> all() {
        return service.list(ALICE);
    }

    /** The filter every order is listed with: relevance needs a search, "a" (matching some titles only). */
    private static TodoFilter filterFor(TodoSort sort) {
        return sort.field() == TodoSort.Field.RELEVANCE ? TodoFilter.ALL.withSearch(Optional.of(A)) : TodoFilter.ALL;
    }

    private static List<Todo> pageThrough(TodoSort sort, int limit, Optional<Boolean> completed) {
        List<Todo> seen = new ArrayList<>();
        Optional<TodoPosition> after = Optional.empty();
        TodoFilter filter = filterFor(sort).withCompleted(completed);
        do {
            TodoPage page = service.list(new ListTodosQuery(ALICE, filter, sort, OptionalInt.of(limit), after));
            assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
            seen.addAll(page.items());
            after = page.next();
        } while (after.isPresent());
        return seen;
    }

    @Test
    void everyOrderMatchesTheDomainsAndPagingVisitsEveryTodoOnce() {
        for (TodoSort.Field field : TodoSort.Field.values()) {
            for (boolean descending : List.of(false, true)) {
                TodoSort sort = new TodoSort(field, descending);
                TodoFilter filter = filterFor(sort);
                List<Todo> expected = all().stream().filter(t -> filter.matches(t, Instant.EPOCH))
                        .sorted(sort.comparator(filter.search().orElse(null))).toList();
                assertThat(expected).isNotEmpty();
                assertThat(service.list(new ListTodosQuery(ALICE, filter, sort, OptionalInt.empty(),
                        Optional.empty())).items()).as(sort.toString()).containsExactlyElementsOf(expected);
                for (int limit : List.of(1, 2, 5, 11, 500)) {
                    assertThat(pageThrough(sort, limit, Optional.empty())).as(sort + " by " + limit)
                            .containsExactlyElementsOf(expected);
                }
                for (boolean completed : List.of(true, false)) {
                    assertThat(pageThrough(sort, 2, Optional.of(completed)))
                            .containsExactlyElementsOf(expected.stream().filter(t -> t.completed() == completed)
                                    .toList());
                }
            }
        }
    }

    @Test
    void titlesOrderByCodePointInTheDatabaseToo() {
        List<String> titles = service.list(new ListTodosQuery(ALICE, Optional.empty(),
                new TodoSort(TodoSort.Field.TITLE, false), OptionalInt.empty(), Optional.empty())).items().stream()
                .map(t -> t.title().value()).toList();
        assertThat(titles).containsExactly("A", "B", "a", "a b", "ab", "b", "b", "c", "Ä", "\uFFFD", "😀");
    }

    /**
     * The creation and title orders walk an index from the page's start, without a sort; the updated_at order, whose
     * column every write moves, has no index (so that changes stay heap-only updates, ADR 0023): it reads only the
     * tenant's rows, by the primary key, and sorts them. Every plan starts from the tenant.
     */
    @Test
    void everyOrderReadsOnlyTheTenantsRowsAndTheIndexedOnesNeedNoSort() throws SQLException {
        for (TodoSort.Field field : TodoSort.Field.values()) {
            for (boolean descending : List.of(false, true)) {
                TodoSort sort = new TodoSort(field, descending);
                TodoFilter filter = filterFor(sort);
                Todo some = all().get(3);
                for (Optional<TodoPosition> after : List.of(Optional.<TodoPosition>empty(),
                        Optional.of(TodoPosition.after(sort, some, filter.search().orElse(null))))) {
                    String plan = explain(TenantId.of("tenant-7"),
                            new TodoQuery(filter, Instant.EPOCH, sort, after, OptionalInt.of(51)));
                    Matcher scan = INDEX_SCAN.matcher(plan);
                    assertThat(scan.find()).as(sort + "\n" + plan).isTrue();
                    String index = scan.group(1);
                    assertThat(indexColumns(index).get(0)).as(sort + "\n" + plan).isEqualTo("user_id");
                    assertThat(plan.lines().filter(line -> line.contains("Index Cond:")))
                            .as(sort + "\n" + plan).singleElement().asString()
                            .contains("(user_id)::text = 'tenant-7'::text");
                    switch (field) {
                        case CREATED_AT -> assertThat(index).isEqualTo("todo_user_created_id_idx");
                        case TITLE -> assertThat(index).isEqualTo("todo_user_title_id_idx");
                        case PRIORITY -> assertThat(index).isEqualTo("todo_user_priority_created_id_idx");
                        case POSITION -> assertThat(index).isEqualTo("todo_user_position_idx");
                        case UPDATED_AT -> assertThat(plan).as(sort + "\n" + plan).contains("Sort Key: updated_at");
                        case DUE, RELEVANCE -> assertThat(plan).as(sort + "\n" + plan).contains("Sort Key:");
                    }
                    if (List.of(TodoSort.Field.CREATED_AT, TodoSort.Field.TITLE, TodoSort.Field.PRIORITY,
                            TodoSort.Field.POSITION).contains(field)) {
                        assertThat(plan).as(sort + "\n" + plan).doesNotContain("Sort");
                    }
                }
            }
        }
    }

    /**
     * A search, a tag, a priority and a parent, each on a tenant with thousands of todos among others': the plan reads
     * an index led by the tenant (for a tag, a priority and a parent the one made for the criterion), through a
     * condition that starts with the tenant, and never the whole table.
     */
    @Test
    void searchesAndFiltersReadTheirIndexesFromTheTenantOnly() throws SQLException {
        TodoFilter search = TodoFilter.ALL.withSearch(Optional.of(SearchQuery.parse("Title W1234")));
        TodoFilter tag = TodoFilter.ALL.withTags(List.of(new Tag("RARE")));
        TodoFilter high = TodoFilter.ALL.withPriorities(Set.of(Priority.HIGH));
        TodoFilter subtasks = TodoFilter.ALL.withParent(Optional.of(TodoId.parse(adminString(
                "SELECT id FROM todo WHERE user_id = 'big' AND title = 'title w11'"))));
        Map<String, TodoQuery> queries = Map.of(
                "todo_user_parent_position_idx", new TodoQuery(subtasks, Instant.EPOCH,
                        new TodoSort(TodoSort.Field.POSITION, false), Optional.empty(), OptionalInt.of(51)),
                "todo_user_search_idx", new TodoQuery(search, Instant.EPOCH, TodoSort.RELEVANCE, Optional.empty(),
                        OptionalInt.of(51)),
                "todo_user_tags_idx", new TodoQuery(tag, Instant.EPOCH, TodoSort.CREATION, Optional.empty(),
                        OptionalInt.of(51)),
                "todo_user_priority_created_id_idx", new TodoQuery(high, Instant.EPOCH,
                        new TodoSort(TodoSort.Field.PRIORITY, true), Optional.empty(), OptionalInt.of(51)));
        for (Map.Entry<String, TodoQuery> query : queries.entrySet()) {
            String plan = explain(TenantId.of("big"), query.getValue());
            assertThat(plan).as(plan).doesNotContain("Seq Scan");
            Matcher scan = INDEX_SCAN.matcher(plan);
            assertThat(scan.find()).as(plan).isTrue();
            if (!query.getKey().equals("todo_user_search_idx")) {
                assertThat(scan.group(1)).as(plan).isEqualTo(query.getKey());
            } // A search may read the search index or the tenant's rows by another index: the planner's choice by cost.
            assertThat(indexColumns(scan.group(1)).get(0)).isEqualTo("user_id");
            assertThat(plan.lines().filter(line -> line.contains("Index Cond:"))).as(plan).isNotEmpty()
                    .allMatch(line -> line.contains("(user_id)::text = 'big'::text"));
        }
    }

    private static String adminString(String sql) throws SQLException {
        try (Connection c = database.admin().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static String explain(TenantId tenant, TodoQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String sql = JdbcTodoRepository.listStatement(tenant, query, parameters);
        try (Connection c = database.admin().connect(); PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    private static List<String> indexColumns(String index) throws SQLException {
        try (Connection c = database.admin().connect(); PreparedStatement s = c.prepareStatement("""
                SELECT pg_get_indexdef(i.indexrelid, k.n::int, true) FROM pg_index i
                JOIN LATERAL generate_series(1, i.indnatts) AS k(n) ON true
                WHERE i.indexrelid = ?::regclass ORDER BY k.n""")) {
            s.setString(1, index);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            return columns;
        }
    }
}
