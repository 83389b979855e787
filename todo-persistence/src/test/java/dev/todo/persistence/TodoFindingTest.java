package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import io.micronaut.context.ApplicationContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SQL of {@link JdbcTodoRepository#find(TenantId, TodoQuery)} against the domain's definitions: for every filter
 * criterion, alone and combined, and every order both ways, the rows and their order are exactly what
 * {@link TodoQuery#selects} and {@link TodoSort#comparator} make of the same todos, whole and paged. The todos are
 * made to sit on the edges: dues on the days around now in zones far apart, timed and all-day dues on one day,
 * ambiguous and skipped local times, the first and last years, words with accents and case, tags spelled apart, keys
 * of moved todos between others' (several numbers, prefixes of others), subtasks of a few parents.
 */
class TodoFindingTest {

    private static final TenantId TENANT = TenantId.of("finding");
    private static final TenantId OTHER = TenantId.of("finding-other");
    private static final Instant NOW = Instant.parse("2026-03-29T00:30:00Z");
    private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Pacific/Kiritimati",
            "Pacific/Pago_Pago", "UTC");
    private static final List<String> TEXTS = List.of("Café au lait", "cafe", "CAFÉ", "Straße fegen", "strasse",
            "Caffè latte", "Ölwechsel", "café au", "au revoir", "Zoë's Übung 2", "x", "lait café", "😀 emoji");
    private static final List<String> TAGS = List.of("Home", "HOME", "home", "Straße", "STRASSE", "errand", "Work");

    private static ApplicationContext context;
    private static JdbcTodoRepository repository;
    private static JdbcUnitOfWork unitOfWork;
    private static final List<Todo> todos = new ArrayList<>();
    private static final TodoId foreignId = TodoId.random();

    @BeforeAll
    static void start() {
        context = PostgresTestSupport.start(TestPostgres.createDatabase());
        repository = context.getBean(JdbcTodoRepository.class);
        unitOfWork = context.getBean(JdbcUnitOfWork.class);
        Random random = new Random(17);
        List<OrderKey> keys = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            // Pairs share a creation time, so that the id has to break ties.
            Instant created = NOW.minusSeconds(3600).plusSeconds(i / 2);
            // A third of the later todos are subtasks of one of the first ten.
            TodoId parent = i >= 10 && random.nextInt(3) == 0 ? todos.get(random.nextInt(10)).id() : null;
            Todo todo = Todo.create(TodoId.random(), TENANT, Title.of(pick(random, TEXTS)),
                    random.nextBoolean() ? new Description(pick(random, TEXTS)) : null,
                    new Todo.Plan(due(random, i), Priority.ofRank(random.nextInt(4)), tags(random)), parent, created);
            if (random.nextInt(3) == 0 && !keys.isEmpty()) {
                // Moved between two todos, or first, or last: keys of several numbers, some a prefix of others.
                int j = random.nextInt(keys.size() + 1);
                todo = todo.apply(TodoChanges.none().position(OrderKey.between(j == 0 ? null : keys.get(j - 1),
                        j == keys.size() ? null : keys.get(j))), created);
            }
            keys.add(todo.position());
            keys.sort(null);
            if (random.nextInt(3) == 0) {
                todo = todo.apply(TodoChanges.none().completed(true), created.plusSeconds(i));
            }
            todos.add(todo);
        }
        Todo foreign = Todo.create(foreignId, OTHER, Title.of("Café au lait"), null,
                new Todo.Plan(Due.allDay(LocalDate.parse("2026-03-28")), Priority.HIGH, Tags.of(List.of("Home"))),
                NOW.minusSeconds(10));
        for (Todo todo : todos) {
            write(TENANT, () -> repository.insert(TENANT, todo, Integer.MAX_VALUE));
        }
        write(OTHER, () -> repository.insert(OTHER, foreign, Integer.MAX_VALUE));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** A due on the edges: none, all day around now, timed around now in far zones, a gap, far years. */
    private static Due due(Random random, int i) {
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        LocalDate day = today.plusDays(random.nextInt(5) - 2);
        ZoneId zone = ZoneId.of(pick(random, ZONES));
        return switch (i % 9) {
            case 0, 1 -> null;
            case 2 -> Due.allDay(day);
            case 3 -> Due.of(day, LocalTime.of(random.nextInt(24), random.nextInt(2) * 30), zone);
            // The hour Berlin skips on that day (stored before a rule change) and the one New York repeats.
            case 4 -> new Due(LocalDate.parse("2026-03-29"), LocalTime.parse("02:30"), ZoneId.of("Europe/Berlin"));
            case 5 -> Due.of(LocalDate.parse("2026-11-01"), LocalTime.parse("01:30"), ZoneId.of("America/New_York"));
            case 6 -> Due.allDay(LocalDate.parse(random.nextBoolean() ? "1900-01-01" : "2999-12-31"));
            case 7 -> Due.of(LocalDate.parse(random.nextBoolean() ? "1900-01-01" : "2999-12-31"), LocalTime.MIDNIGHT,
                    zone);
            default -> Due.of(today, LocalTime.ofSecondOfDay(LocalTime.ofInstant(NOW, zone).toSecondOfDay()), zone);
        };
    }

    private static Tags tags(Random random) {
        Map<String, String> byKey = new HashMap<>();
        int n = random.nextInt(4);
        for (int k = 0; k < n; k++) {
            String name = pick(random, TAGS);
            byKey.putIfAbsent(Tag.key(name), name);
        }
        return Tags.of(List.copyOf(byKey.values()));
    }

    private static <T> T write(TenantId tenant, Supplier<T> work) {
        return unitOfWork.execute(tenant, Intent.WRITE, work);
    }

    private static <T> T read(Supplier<T> work) {
        return unitOfWork.execute(TENANT, Intent.READ, work);
    }

    private static List<TodoFilter> filters() {
        TodoFilter all = TodoFilter.ALL;
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        List<TodoFilter> filters = new ArrayList<>(List.of(all,
                all.withCompleted(Optional.of(true)), all.withCompleted(Optional.of(false)),
                all.withPriorities(Set.of(Priority.HIGH)), all.withPriorities(Set.of(Priority.NONE, Priority.LOW)),
                all.withTags(List.of(new Tag("home"))), all.withTags(List.of(new Tag("HOME"), new Tag("strasse"))),
                all.withDueBetween(Optional.of(today), Optional.empty()),
                all.withDueBetween(Optional.empty(), Optional.of(today)),
                all.withDueBetween(Optional.of(today.minusDays(1)), Optional.of(today.plusDays(1))),
                all.withHasDue(Optional.of(true)), all.withHasDue(Optional.of(false)),
                all.withSearch(Optional.of(SearchQuery.parse("CAF"))),
                all.withSearch(Optional.of(SearchQuery.parse("café au"))),
                all.withSearch(Optional.of(SearchQuery.parse("lait caf"))),
                all.withSearch(Optional.of(SearchQuery.parse("STRASSE"))),
                all.withSearch(Optional.of(SearchQuery.parse("zoe s ubung"))),
                all.withTags(List.of(new Tag("Home"))).withPriorities(Set.of(Priority.HIGH, Priority.MEDIUM))
                        .withSearch(Optional.of(SearchQuery.parse("a"))).withCompleted(Optional.of(false))));
        for (String zone : ZONES) {
            for (boolean overdue : List.of(true, false)) {
                filters.add(all.withOverdue(Optional.of(overdue), ZoneId.of(zone)));
            }
        }
        filters.add(all.withOverdue(Optional.of(true), ZoneId.of("Pacific/Kiritimati"))
                .withSearch(Optional.of(SearchQuery.parse("au"))).withHasDue(Optional.of(true)));
        // The subtasks of a parent, alone and with another criterion; of a subtask (none); of another tenant's todo.
        for (int i = 0; i < 3; i++) {
            filters.add(all.withParent(Optional.of(todos.get(i).id())));
        }
        filters.add(all.withParent(Optional.of(todos.get(0).id())).withCompleted(Optional.of(false)));
        filters.add(all.withParent(todos.stream().filter(Todo::isSubtask).findFirst().map(Todo::id)));
        filters.add(all.withParent(Optional.of(foreignId)));
        return filters;
    }

    @Test
    void everyFilterAndOrderListsWhatTheDomainSelectsInItsOrderWholeAndPaged() {
        int nonEmpty = 0;
        for (TodoFilter filter : filters()) {
            SearchQuery search = filter.search().orElse(null);
            for (TodoSort.Field field : TodoSort.Field.values()) {
                if (field == TodoSort.Field.RELEVANCE && search == null) {
                    continue;
                }
                for (boolean descending : List.of(false, true)) {
                    TodoSort sort = new TodoSort(field, descending);
                    TodoQuery whole = new TodoQuery(filter, NOW, sort, Optional.empty(), OptionalInt.empty());
                    List<Todo> expected = todos.stream().filter(whole::selects).sorted(sort.comparator(search))
                            .toList();
                    String as = sort + " " + filter;
                    assertThat(read(() -> repository.find(TENANT, whole))).as(as).containsExactlyElementsOf(expected);
                    assertThat(pages(filter, sort, 7)).as(as).containsExactlyElementsOf(expected);
                    nonEmpty += expected.isEmpty() ? 0 : 1;
                }
            }
        }
        assertThat(nonEmpty).isGreaterThan(300);
        assertThat(todos).filteredOn(Todo::isSubtask).hasSizeGreaterThan(10);
        assertThat(todos).filteredOn(todo -> todo.position().numbers().size() > 2).isNotEmpty();
    }

    private static List<Todo> pages(TodoFilter filter, TodoSort sort, int limit) {
        List<Todo> seen = new ArrayList<>();
        Optional<TodoPosition> after = Optional.empty();
        while (true) {
            TodoQuery query = new TodoQuery(filter, NOW, sort, after, OptionalInt.of(limit));
            List<Todo> page = read(() -> repository.find(TENANT, query));
            seen.addAll(page);
            if (page.size() < limit) {
                return seen;
            }
            after = Optional.of(TodoPosition.after(sort, page.get(limit - 1), filter.search().orElse(null)));
        }
    }

    @Test
    void tagsAreCountedPerStoredSpellingForTheTenantOnly() {
        Map<String, Long> expected = new HashMap<>();
        todos.forEach(todo -> todo.tags().names().forEach(name -> expected.merge(name, 1L, Long::sum)));
        List<TagCount> counted = read(() -> repository.countTags(TENANT));
        Map<String, Long> actual = new HashMap<>();
        counted.forEach(count -> actual.put(count.tag().name(), count.count()));
        assertThat(actual).isEqualTo(expected).containsKeys("Home", "HOME");
        assertThat(unitOfWork.execute(OTHER, Intent.READ, () -> repository.countTags(OTHER)))
                .containsExactly(new TagCount(new Tag("Home"), 1));
    }
}
