package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The orders by a todo's plan ({@link TodoSort}, {@link TodoPosition}) and the filters on it ({@link TodoFilter}); the
 * relevance order, which exists only in a search, too.
 */
class TodoPlanTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30.123456Z");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final TodoSort PRIORITY = new TodoSort(TodoSort.Field.PRIORITY, false);
    private static final TodoSort PRIORITY_DESC = new TodoSort(TodoSort.Field.PRIORITY, true);
    private static final TodoSort DUE = new TodoSort(TodoSort.Field.DUE, false);
    private static final TodoSort DUE_DESC = new TodoSort(TodoSort.Field.DUE, true);
    private static final TodoSort RELEVANCE_DESC = new TodoSort(TodoSort.Field.RELEVANCE, true);

    private int made;

    // --- orders -----------------------------------------------------------------------------------------------------

    @Test
    void byPriorityHighestLastAscendingThenByCreation() {
        Todo high = todo("high", plan(null, Priority.HIGH), T0);
        Todo none = todo("none", plan(null, Priority.NONE), T0);
        Todo mediumLater = todo("medium later", plan(null, Priority.MEDIUM), T0.plusSeconds(1));
        Todo medium = todo("medium", plan(null, Priority.MEDIUM), T0);
        Todo low = todo("low", plan(null, Priority.LOW), T0);
        List<Todo> todos = List.of(high, none, mediumLater, medium, low);

        assertThat(sorted(todos, PRIORITY)).containsExactly(none, low, medium, mediumLater, high);
        assertThat(sorted(todos, PRIORITY_DESC)).containsExactly(high, mediumLater, medium, low, none);
    }

    @Test
    void byDueEarliestDayFirstTimedBeforeAllDayWithinADayAndNoDueLast() {
        Todo noDue = todo("no due", Todo.Plan.NONE, T0);
        Todo allDay = todo("all day", plan(Due.allDay(LocalDate.of(2026, 3, 1)), Priority.NONE), T0);
        Todo evening = todo("evening", plan(timed("2026-03-01", "20:00", BERLIN), Priority.NONE), T0);
        Todo morning = todo("morning", plan(timed("2026-03-01", "08:00", BERLIN), Priority.NONE), T0);
        Todo dayBefore = todo("day before", plan(Due.allDay(LocalDate.of(2026, 2, 28)), Priority.NONE), T0);
        Todo nextDay = todo("next day", plan(timed("2026-03-02", "00:30", BERLIN), Priority.NONE), T0);
        List<Todo> todos = List.of(noDue, allDay, evening, morning, dayBefore, nextDay);

        assertThat(sorted(todos, DUE)).containsExactly(dayBefore, morning, evening, allDay, nextDay, noDue);
        assertThat(sorted(todos, DUE_DESC)).as("no due last both ways")
                .containsExactly(nextDay, allDay, evening, morning, dayBefore, noDue);
    }

    @Test
    void dueTiesAreBrokenByCreationThenId() {
        Due due = Due.allDay(LocalDate.of(2026, 3, 1));
        Todo later = todo("later", plan(due, Priority.NONE), T0.plusSeconds(1));
        Todo lowId = todo("low id", plan(due, Priority.NONE), T0, "00000000-0000-4000-8000-000000000000");
        Todo highId = todo("high id", plan(due, Priority.NONE), T0, "ffffffff-0000-4000-8000-000000000000");
        Todo noDueLater = todo("no due later", Todo.Plan.NONE, T0.plusSeconds(1));
        Todo noDue = todo("no due", Todo.Plan.NONE, T0);
        List<Todo> todos = List.of(later, noDueLater, highId, noDue, lowId);

        assertThat(sorted(todos, DUE)).containsExactly(lowId, highId, later, noDue, noDueLater);
        assertThat(sorted(todos, DUE_DESC)).containsExactly(later, highId, lowId, noDueLater, noDue);
    }

    @Test
    void timedDuesOfADayInDifferentZonesAreOrderedByTheirInstant() {
        Todo newYork = todo("new york", plan(timed("2026-03-01", "07:30", ZoneId.of("America/New_York")),
                Priority.NONE), T0);
        Todo berlin = todo("berlin", plan(timed("2026-03-01", "09:00", BERLIN), Priority.NONE), T0);

        assertThat(sorted(List.of(newYork, berlin), DUE)).containsExactly(berlin, newYork);
    }

    @Test
    void byRelevanceTheBestMatchesFirstThenTheNewest() {
        SearchQuery search = SearchQuery.parse("oat milk");
        Todo inTitle = todo("oat milk", Todo.Plan.NONE, T0);
        Todo halfInTitle = todo("milk", new Description("oat"), T0);
        Todo halfInTitleNewer = todo("milky", new Description("oat"), T0.plusSeconds(1));
        Todo inDescription = todo("buy", new Description("oat milk"), T0.plusSeconds(2));
        List<Todo> todos = List.of(inDescription, halfInTitle, inTitle, halfInTitleNewer);

        assertThat(todos).allMatch(search::matches);
        assertThat(todos.stream().sorted(TodoSort.RELEVANCE.comparator(search)))
                .containsExactly(inTitle, halfInTitleNewer, halfInTitle, inDescription);
        assertThat(todos.stream().sorted(RELEVANCE_DESC.comparator(search)))
                .containsExactly(inDescription, halfInTitle, halfInTitleNewer, inTitle);
    }

    @Test
    void relevanceTiesAreBrokenByTheHighestIdFirst() {
        SearchQuery search = SearchQuery.parse("milk");
        Todo lowId = todo("milk", Todo.Plan.NONE, T0, "00000000-0000-4000-8000-000000000000");
        Todo highId = todo("milk", Todo.Plan.NONE, T0, "ffffffff-0000-4000-8000-000000000000");

        assertThat(List.of(lowId, highId).stream().sorted(TodoSort.RELEVANCE.comparator(search)))
                .containsExactly(highId, lowId);
        assertThat(TodoSort.RELEVANCE.idDescends()).isTrue();
        assertThat(RELEVANCE_DESC.idDescends()).isFalse();
    }

    @Test
    void relevanceNeedsASearch() {
        Todo todo = todo("milk", Todo.Plan.NONE, T0);

        assertThatThrownBy(() -> TodoSort.RELEVANCE.keyOf(todo)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void descendingFlipsEveryPartButNoDue() {
        assertThat(DUE_DESC.descends(TodoSort.Part.NO_DUE)).isFalse();
        assertThat(DUE.descends(TodoSort.Part.NO_DUE)).isFalse();
        assertThat(DUE_DESC.descends(TodoSort.Part.DUE_DAY)).isTrue();
        assertThat(DUE_DESC.descends(TodoSort.Part.DUE_MOMENT)).isTrue();
        assertThat(DUE_DESC.descends(TodoSort.Part.CREATED_AT)).isTrue();
        assertThat(TodoSort.RELEVANCE.descends(TodoSort.Part.RANK)).isTrue();
        assertThat(TodoSort.RELEVANCE.descends(TodoSort.Part.CREATED_AT)).isTrue();
        assertThat(RELEVANCE_DESC.descends(TodoSort.Part.RANK)).isFalse();
    }

    @Test
    void theDueKeyHoldsTheDayTheMomentInMicrosecondsAndWhetherThereIsNone() {
        Todo timed = todo("timed", plan(timed("2026-03-01", "09:00", BERLIN), Priority.NONE), T0);
        Todo allDay = todo("all day", plan(Due.allDay(LocalDate.of(2026, 3, 1)), Priority.NONE), T0);
        Todo none = todo("none", Todo.Plan.NONE, T0);
        long day = LocalDate.of(2026, 3, 1).toEpochDay();
        long micros = Instant.parse("2026-03-01T08:00:00Z").getEpochSecond() * 1_000_000L;

        assertThat(DUE.keyOf(timed)).containsExactly(0L, day, micros, T0);
        assertThat(DUE.keyOf(allDay)).containsExactly(0L, day, Long.MAX_VALUE, T0);
        assertThat(DUE.keyOf(none)).containsExactly(1L, 0L, 0L, T0);
        assertThat(PRIORITY.keyOf(todo("high", plan(null, Priority.HIGH), T0))).containsExactly(3L, T0);
    }

    // --- positions --------------------------------------------------------------------------------------------------

    @Test
    void aPositionPrecedesExactlyTheTodosAfterItInEveryOrder() {
        SearchQuery search = SearchQuery.parse("to");
        List<Todo> todos = mixedTodos();
        for (TodoSort sort : allSorts()) {
            List<Todo> ordered = todos.stream().sorted(sort.comparator(search)).toList();
            for (int i = 0; i < ordered.size(); i++) {
                TodoPosition position = TodoPosition.after(sort, ordered.get(i), search);
                assertThat(ordered.stream().filter(t -> position.precedes(t, search)))
                        .as("%s after %d", sort, i).containsExactlyElementsOf(ordered.subList(i + 1, ordered.size()));
            }
        }
    }

    @Test
    void aPositionsKeyTextReadsBackToTheSamePosition() {
        SearchQuery search = SearchQuery.parse("to");
        for (TodoSort sort : allSorts()) {
            for (Todo todo : mixedTodos()) {
                TodoPosition position = TodoPosition.after(sort, todo, search);
                assertThat(new TodoPosition(sort, position.keyText(), position.id())).as("%s", sort)
                        .isEqualTo(position);
            }
        }
    }

    @Test
    void aSinglePartKeyKeepsTheOldTextForm() {
        TodoId id = TodoId.random();
        TodoPosition byCreation = new TodoPosition(TodoSort.CREATION, "2026-01-22T10:15:30.123456Z", id);
        TodoPosition byTitle = new TodoPosition(new TodoSort(TodoSort.Field.TITLE, true), "Buy milk", id);

        assertThat(byCreation.key()).containsExactly(T0);
        assertThat(byCreation.keyText()).isEqualTo("2026-01-22T10:15:30.123456Z");
        assertThat(byCreation.valueOf(TodoSort.Part.CREATED_AT)).isEqualTo(T0);
        assertThat(byTitle.key()).containsExactly("Buy milk");
        assertThat(byTitle.keyText()).isEqualTo("Buy milk");
    }

    @Test
    void aMultiPartKeyIsItsPartsOnLines() {
        Todo todo = todo("high", plan(timed("2026-03-01", "09:00", BERLIN), Priority.HIGH), T0);

        assertThat(TodoPosition.after(PRIORITY, todo).keyText()).isEqualTo("3\n2026-01-22T10:15:30.123456Z");
        assertThat(TodoPosition.after(DUE, todo).keyText()).isEqualTo("0\n" + LocalDate.of(2026, 3, 1).toEpochDay()
                + "\n" + Instant.parse("2026-03-01T08:00:00Z").getEpochSecond() * 1_000_000L
                + "\n2026-01-22T10:15:30.123456Z");
    }

    @Test
    void aKeyTextThatDoesNotFitTheSortIsRefused() {
        TodoId id = TodoId.random();

        assertThatThrownBy(() -> new TodoPosition(PRIORITY, "2026-01-22T10:15:30.123456Z", id))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TodoPosition(PRIORITY, "high\n2026-01-22T10:15:30.123456Z", id))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TodoPosition(DUE, "0\n1\n2", id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TodoPosition(TodoSort.CREATION, "yesterday", id))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TodoPosition(PRIORITY, List.of(T0, 3L), id))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- filters ----------------------------------------------------------------------------------------------------

    @Test
    void noCriterionMatchesEveryTodo() {
        assertThat(mixedTodos()).allMatch(t -> TodoFilter.ALL.matches(t, T0));
    }

    @Test
    void byCompletion() {
        Todo open = todo("open", Todo.Plan.NONE, T0);
        Todo done = open.apply(TodoChanges.none().completed(true), T0);

        assertThat(TodoFilter.completed(Optional.of(true)).matches(done, T0)).isTrue();
        assertThat(TodoFilter.completed(Optional.of(true)).matches(open, T0)).isFalse();
        assertThat(TodoFilter.completed(Optional.of(false)).matches(open, T0)).isTrue();
        assertThat(TodoFilter.completed(Optional.of(false)).matches(done, T0)).isFalse();
    }

    @Test
    void byAnyOfThePriorities() {
        TodoFilter highOrMedium = TodoFilter.ALL.withPriorities(Set.of(Priority.HIGH, Priority.MEDIUM));

        assertThat(highOrMedium.matches(todo("h", plan(null, Priority.HIGH), T0), T0)).isTrue();
        assertThat(highOrMedium.matches(todo("m", plan(null, Priority.MEDIUM), T0), T0)).isTrue();
        assertThat(highOrMedium.matches(todo("l", plan(null, Priority.LOW), T0), T0)).isFalse();
        assertThat(highOrMedium.matches(todo("n", Todo.Plan.NONE, T0), T0)).isFalse();
    }

    @Test
    void byAllOfTheTagsIgnoringCase() {
        Todo both = todo("both", new Todo.Plan(null, Priority.NONE, Tags.of(List.of("Home", "errand", "x"))), T0);
        Todo home = todo("home", new Todo.Plan(null, Priority.NONE, Tags.of(List.of("home"))), T0);
        TodoFilter homeAndErrand = TodoFilter.ALL.withTags(List.of(new Tag("HOME"), new Tag("Errand")));

        assertThat(homeAndErrand.matches(both, T0)).isTrue();
        assertThat(homeAndErrand.matches(home, T0)).isFalse();
        assertThat(homeAndErrand.matches(todo("none", Todo.Plan.NONE, T0), T0)).isFalse();
        assertThat(homeAndErrand.tagKeys()).containsExactly("home", "errand");
        assertThat(TodoFilter.ALL.withTags(List.of(new Tag("Straße"))).matches(todo("s", new Todo.Plan(null,
                Priority.NONE, Tags.of(List.of("STRASSE"))), T0), T0)).isTrue();
    }

    @Test
    void byDueDateInclusiveOnTheDuesOwnDate() {
        LocalDate first = LocalDate.of(2026, 3, 1);
        LocalDate last = LocalDate.of(2026, 3, 31);
        TodoFilter march = TodoFilter.ALL.withDueBetween(Optional.of(first), Optional.of(last));
        TodoFilter fromMarch = TodoFilter.ALL.withDueBetween(Optional.of(first), Optional.empty());
        TodoFilter untilMarch = TodoFilter.ALL.withDueBetween(Optional.empty(), Optional.of(last));

        assertThat(march.matches(allDay(first), T0)).isTrue();
        assertThat(march.matches(allDay(last), T0)).isTrue();
        assertThat(march.matches(allDay(first.minusDays(1)), T0)).isFalse();
        assertThat(march.matches(allDay(last.plusDays(1)), T0)).isFalse();
        assertThat(march.matches(todo("late", plan(timed("2026-03-31", "23:30", BERLIN), Priority.NONE), T0), T0))
                .as("the local date, not the instant's UTC date").isTrue();
        assertThat(march.matches(todo("no due", Todo.Plan.NONE, T0), T0)).isFalse();
        assertThat(fromMarch.matches(allDay(LocalDate.of(2999, 12, 31)), T0)).isTrue();
        assertThat(fromMarch.matches(allDay(first.minusDays(1)), T0)).isFalse();
        assertThat(untilMarch.matches(allDay(LocalDate.of(1900, 1, 1)), T0)).isTrue();
        assertThat(untilMarch.matches(allDay(last.plusDays(1)), T0)).isFalse();
    }

    @Test
    void byHavingADue() {
        Todo withDue = allDay(LocalDate.of(2026, 3, 1));
        Todo without = todo("none", Todo.Plan.NONE, T0);

        assertThat(TodoFilter.ALL.withHasDue(Optional.of(true)).matches(withDue, T0)).isTrue();
        assertThat(TodoFilter.ALL.withHasDue(Optional.of(true)).matches(without, T0)).isFalse();
        assertThat(TodoFilter.ALL.withHasDue(Optional.of(false)).matches(without, T0)).isTrue();
        assertThat(TodoFilter.ALL.withHasDue(Optional.of(false)).matches(withDue, T0)).isFalse();
    }

    @Test
    void overdueTimedDuesArePastTheirInstant() {
        Instant now = Instant.parse("2026-03-01T08:00:00Z");
        TodoFilter overdue = TodoFilter.ALL.withOverdue(Optional.of(true), ZoneOffset.UTC);
        TodoFilter notOverdue = TodoFilter.ALL.withOverdue(Optional.of(false), ZoneOffset.UTC);
        Todo past = todo("past", plan(timed("2026-03-01", "08:59", BERLIN), Priority.NONE), T0);
        Todo atNow = todo("now", plan(timed("2026-03-01", "09:00", BERLIN), Priority.NONE), T0);
        Todo done = past.apply(TodoChanges.none().completed(true), T0);
        Todo none = todo("none", Todo.Plan.NONE, T0);

        assertThat(overdue.matches(past, now)).isTrue();
        assertThat(overdue.matches(atNow, now)).isFalse();
        assertThat(overdue.matches(done, now)).as("a done todo is never overdue").isFalse();
        assertThat(overdue.matches(none, now)).isFalse();
        assertThat(notOverdue.matches(past, now)).isFalse();
        assertThat(notOverdue.matches(atNow, now)).isTrue();
        assertThat(notOverdue.matches(done, now)).isTrue();
        assertThat(notOverdue.matches(none, now)).isTrue();
    }

    @Test
    void overdueAllDayDuesAreBeforeTodayInTheFiltersTimeZone() {
        Instant now = Instant.parse("2026-03-01T23:30:00Z");
        Todo yesterday = allDay(LocalDate.of(2026, 2, 28));
        Todo today = allDay(LocalDate.of(2026, 3, 1));
        TodoFilter inUtc = TodoFilter.ALL.withOverdue(Optional.of(true), ZoneId.of("UTC"));
        TodoFilter inBerlin = TodoFilter.ALL.withOverdue(Optional.of(true), BERLIN);
        TodoFilter inLosAngeles = TodoFilter.ALL.withOverdue(Optional.of(true), ZoneId.of("America/Los_Angeles"));

        assertThat(inUtc.today(now)).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(inBerlin.today(now)).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(inUtc.matches(yesterday, now)).isTrue();
        assertThat(inUtc.matches(today, now)).isFalse();
        assertThat(inBerlin.matches(today, now)).isTrue();
        assertThat(inLosAngeles.matches(yesterday, now)).isTrue();
        assertThat(inLosAngeles.matches(today, now)).isFalse();
        assertThat(TodoFilter.ALL.withOverdue(Optional.of(true), ZoneId.of("Pacific/Kiritimati"))
                .matches(today, Instant.parse("2026-03-01T10:00:00Z"))).isTrue();
    }

    @Test
    void bySearch() {
        TodoFilter milk = TodoFilter.ALL.withSearch(Optional.of(SearchQuery.parse("MILK")));

        assertThat(milk.matches(todo("Buy milk", Todo.Plan.NONE, T0), T0)).isTrue();
        assertThat(milk.matches(todo("Buy", new Description("oat milky"), T0), T0)).isTrue();
        assertThat(milk.matches(todo("Buy bread", Todo.Plan.NONE, T0), T0)).isFalse();
    }

    @Test
    void everyCriterionMustHold() {
        Todo todo = todo("Buy milk", new Todo.Plan(Due.allDay(LocalDate.of(2026, 3, 1)), Priority.HIGH,
                Tags.of(List.of("home"))), T0);
        TodoFilter all = TodoFilter.ALL.withCompleted(Optional.of(false)).withPriorities(Set.of(Priority.HIGH))
                .withTags(List.of(new Tag("HOME"))).withHasDue(Optional.of(true))
                .withDueBetween(Optional.of(LocalDate.of(2026, 3, 1)), Optional.of(LocalDate.of(2026, 3, 1)))
                .withOverdue(Optional.of(false), ZoneOffset.UTC).withSearch(Optional.of(SearchQuery.parse("mil")));

        assertThat(all.matches(todo, T0)).isTrue();
        assertThat(all.withPriorities(Set.of(Priority.LOW)).matches(todo, T0)).isFalse();
        assertThat(all.withTags(List.of(new Tag("work"))).matches(todo, T0)).isFalse();
        assertThat(all.withSearch(Optional.of(SearchQuery.parse("bread"))).matches(todo, T0)).isFalse();
        assertThat(all.withOverdue(Optional.of(false), ZoneOffset.UTC).matches(todo,
                Instant.parse("2026-03-02T00:00:00Z"))).isFalse();
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** Todos that differ and tie on every part of every order, all matching the search {@code "to"}. */
    private List<Todo> mixedTodos() {
        List<Todo> todos = new ArrayList<>();
        List<Todo.Plan> plans = List.of(Todo.Plan.NONE, plan(Due.allDay(LocalDate.of(2026, 3, 1)), Priority.HIGH),
                plan(timed("2026-03-01", "09:00", BERLIN), Priority.LOW),
                plan(timed("2026-03-01", "07:30", ZoneId.of("America/New_York")), Priority.HIGH),
                plan(Due.allDay(LocalDate.of(2026, 2, 28)), Priority.NONE));
        List<String> titles = List.of("todo", "b", "A todo", "a", "Todo list");
        for (int i = 0; i < 10; i++) {
            todos.add(todo(titles.get(i % titles.size()), new Description("to do"), plans.get(i % plans.size()),
                    T0.plusSeconds(i % 3)));
        }
        return todos;
    }

    private static List<TodoSort> allSorts() {
        List<TodoSort> sorts = new ArrayList<>();
        for (TodoSort.Field field : TodoSort.Field.values()) {
            sorts.add(new TodoSort(field, false));
            sorts.add(new TodoSort(field, true));
        }
        return sorts;
    }

    private static List<Todo> sorted(List<Todo> todos, TodoSort sort) {
        return todos.stream().sorted(sort.comparator()).toList();
    }

    private static Due timed(String date, String time, ZoneId zone) {
        return Due.of(LocalDate.parse(date), LocalTime.parse(time), zone);
    }

    private static Todo.Plan plan(Due due, Priority priority) {
        return new Todo.Plan(due, priority, Tags.NONE);
    }

    private Todo allDay(LocalDate date) {
        return todo("due " + date, plan(Due.allDay(date), Priority.NONE), T0);
    }

    private Todo todo(String title, Todo.Plan plan, Instant createdAt) {
        return todo(title, null, plan, createdAt);
    }

    private Todo todo(String title, Description description, Instant createdAt) {
        return todo(title, description, Todo.Plan.NONE, createdAt);
    }

    private Todo todo(String title, Todo.Plan plan, Instant createdAt, String id) {
        return Todo.restore(TodoId.parse(id), ALICE, Title.of(title), null, plan, false, createdAt, createdAt,
                Todo.FIRST_VERSION);
    }

    private Todo todo(String title, Description description, Todo.Plan plan, Instant createdAt) {
        made++;
        String id = String.format("%08x-0000-4000-8000-000000000000", made * 0x10000001L % 0x100000000L);
        return Todo.restore(TodoId.parse(id), ALICE, Title.of(title), description, plan, false, createdAt, createdAt,
                Todo.FIRST_VERSION);
    }
}
