package dev.todo.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.Due;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.TagNotFoundException;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.ListTodosQuery;
import dev.todo.domain.port.in.TodoPage;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The use cases of a todo's plan: tags as a whole ({@code renameTag}, {@code deleteTag}, {@code tags}) and filters. */
class TodoServicePlanTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final TenantId BOB = TenantId.of("auth0|bob");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final InMemoryTodoStore store = new InMemoryTodoStore();
    private final TodoService service = new TodoService(store, store, TodoService.Settings.of(clock));

    // --- tags as a whole --------------------------------------------------------------------------------------------

    @Test
    void tagsAreCountedIgnoringCaseInTheirMostUsedSpelling() {
        create(ALICE, "a", Priority.NONE, null, "home", "Errand");
        create(ALICE, "b", Priority.NONE, null, "Home");
        create(ALICE, "c", Priority.NONE, null, "Home");
        create(BOB, "bob's", Priority.NONE, null, "home", "bob");

        assertThat(service.tags(ALICE)).containsExactly(new TagCount(new Tag("Errand"), 1),
                new TagCount(new Tag("Home"), 3));
        assertThat(service.tags(TenantId.of("carol"))).isEmpty();
    }

    @Test
    void aRenameMergesIntoATagTheTodoAlreadyHasAndChangesOnlyTheTodosCarryingIt() {
        Todo both = create(ALICE, "both", Priority.NONE, null, "home", "errand", "Shop");
        Todo errand = create(ALICE, "errand", Priority.NONE, null, "ERRAND");
        Todo other = create(ALICE, "other", Priority.NONE, null, "work");
        Todo bobs = create(BOB, "bob's", Priority.NONE, null, "errand");
        long feedBefore = lastPosition(ALICE);
        now.set(now.get().plusSeconds(10));

        TagCount renamed = service.renameTag(ALICE, new Tag("Errand"), new Tag("shop"));

        assertThat(renamed).isEqualTo(new TagCount(new Tag("Shop"), 2));
        Todo bothAfter = service.get(ALICE, both.id());
        Todo errandAfter = service.get(ALICE, errand.id());
        assertThat(bothAfter.tags().names()).containsExactly("home", "Shop");
        assertThat(errandAfter.tags().names()).containsExactly("shop");
        assertThat(bothAfter.version()).isEqualTo(both.version() + 1);
        assertThat(errandAfter.version()).isEqualTo(errand.version() + 1);
        assertThat(bothAfter.updatedAt()).isEqualTo(now.get());
        assertThat(service.get(ALICE, other.id())).isEqualTo(other);
        assertThat(service.get(BOB, bobs.id())).as("another tenant's tag is untouched").isEqualTo(bobs);
        assertThat(store.execute(ALICE, Intent.READ, () -> store.changesSince(ALICE, feedBefore, 100)))
                .extracting(change -> ((TodoChange.Upserted) change).todo())
                .containsExactlyInAnyOrder(bothAfter, errandAfter);
    }

    @Test
    void aRenameMayChangeTheCaseOnly() {
        Todo todo = create(ALICE, "a", Priority.NONE, null, "work", "home");

        assertThat(service.renameTag(ALICE, new Tag("HOME"), new Tag("Home"))).isEqualTo(
                new TagCount(new Tag("Home"), 1));
        assertThat(service.get(ALICE, todo.id()).tags().names()).containsExactly("work", "Home");
    }

    @Test
    void renamingOrDeletingATagNoTodoOfTheTenantCarriesIsNotFound() {
        Todo alices = create(ALICE, "a", Priority.NONE, null, "home");
        Todo bobs = create(BOB, "b", Priority.NONE, null, "bob");
        long feedBefore = lastPosition(BOB);

        assertThatThrownBy(() -> service.renameTag(ALICE, new Tag("bob"), new Tag("x")))
                .isInstanceOfSatisfying(TagNotFoundException.class, e -> assertThat(e.name()).isEqualTo("bob"));
        assertThatThrownBy(() -> service.deleteTag(ALICE, new Tag("bob"))).isInstanceOf(TagNotFoundException.class);
        assertThatThrownBy(() -> service.renameTag(TenantId.of("carol"), new Tag("home"), new Tag("x")))
                .isInstanceOf(TagNotFoundException.class);

        assertThat(service.get(ALICE, alices.id())).isEqualTo(alices);
        assertThat(service.get(BOB, bobs.id())).isEqualTo(bobs);
        assertThat(lastPosition(BOB)).isEqualTo(feedBefore);
    }

    @Test
    void aDeleteRemovesTheTagFromEveryTodoOfTheTenantIgnoringCase() {
        Todo one = create(ALICE, "one", Priority.NONE, null, "Home", "work");
        Todo two = create(ALICE, "two", Priority.NONE, null, "home");
        Todo other = create(ALICE, "other", Priority.NONE, null, "work");
        Todo bobs = create(BOB, "bob's", Priority.NONE, null, "home");

        assertThat(service.deleteTag(ALICE, new Tag("HOME"))).isEqualTo(2);

        assertThat(service.get(ALICE, one.id()).tags().names()).containsExactly("work");
        assertThat(service.get(ALICE, one.id()).version()).isEqualTo(one.version() + 1);
        assertThat(service.get(ALICE, two.id()).tags()).isEqualTo(Tags.NONE);
        assertThat(service.get(ALICE, other.id())).isEqualTo(other);
        assertThat(service.get(BOB, bobs.id())).isEqualTo(bobs);
        assertThat(service.tags(ALICE)).containsExactly(new TagCount(new Tag("work"), 2));
        assertThatThrownBy(() -> service.deleteTag(ALICE, new Tag("home"))).isInstanceOf(TagNotFoundException.class);
    }

    // --- lists ------------------------------------------------------------------------------------------------------

    @Test
    void aListHoldsOnlyTheTodosTheFilterMatches() {
        Todo urgent = create(ALICE, "Pay rent", Priority.HIGH, Due.allDay(LocalDate.of(2026, 2, 28)), "home");
        Todo soon = create(ALICE, "Buy milk", Priority.MEDIUM, Due.of(LocalDate.of(2026, 3, 1), LocalTime.of(12, 0),
                ZoneId.of("Europe/Berlin")), "home", "errand");
        Todo someday = create(ALICE, "Paint the fence", Priority.LOW, null);
        create(BOB, "Pay rent", Priority.HIGH, Due.allDay(LocalDate.of(2026, 2, 1)), "home");

        assertThat(list(TodoFilter.ALL.withPriorities(Set.of(Priority.HIGH, Priority.MEDIUM)), TodoSort.CREATION))
                .containsExactly(urgent, soon);
        assertThat(list(TodoFilter.ALL.withTags(List.of(new Tag("HOME"), new Tag("errand"))), TodoSort.CREATION))
                .containsExactly(soon);
        assertThat(list(TodoFilter.ALL.withOverdue(Optional.of(true), ZoneOffset.UTC), TodoSort.CREATION))
                .containsExactly(urgent);
        assertThat(list(TodoFilter.ALL.withHasDue(Optional.of(false)), TodoSort.CREATION)).containsExactly(someday);
        assertThat(list(TodoFilter.ALL.withDueBetween(Optional.of(LocalDate.of(2026, 3, 1)), Optional.empty()),
                TodoSort.CREATION)).containsExactly(soon);
        assertThat(list(TodoFilter.ALL.withSearch(Optional.of(SearchQuery.parse("pa"))), TodoSort.RELEVANCE))
                .containsExactly(someday, urgent);
        assertThat(list(TodoFilter.ALL, new TodoSort(TodoSort.Field.DUE, true)))
                .containsExactly(soon, urgent, someday);
    }

    @Test
    void overdueIsJudgedAtTheServicesClock() {
        Todo timed = create(ALICE, "call", Priority.NONE, Due.of(LocalDate.of(2026, 3, 1), LocalTime.of(11, 0),
                ZoneId.of("UTC")));
        TodoFilter overdue = TodoFilter.ALL.withOverdue(Optional.of(true), ZoneOffset.UTC);

        assertThat(list(overdue, TodoSort.CREATION)).isEmpty();
        now.set(Instant.parse("2026-03-01T11:00:01Z"));
        assertThat(list(overdue, TodoSort.CREATION)).containsExactly(timed);
    }

    @Test
    void pagingASearchByRelevanceVisitsEveryMatchOnce() {
        List<Todo> matches = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            matches.add(create(ALICE, i % 2 == 0 ? "ice " + i : "item " + i, Priority.NONE, null));
        }
        create(ALICE, "bread", Priority.NONE, null);
        SearchQuery search = SearchQuery.parse("i");
        TodoFilter filter = TodoFilter.ALL.withSearch(Optional.of(search));
        for (TodoSort sort : List.of(TodoSort.RELEVANCE, new TodoSort(TodoSort.Field.RELEVANCE, true))) {
            List<Todo> expected = list(filter, sort);
            assertThat(expected).containsExactlyInAnyOrderElementsOf(matches)
                    .isSortedAccordingTo(sort.comparator(search));
            List<Todo> seen = new ArrayList<>();
            Optional<TodoPosition> after = Optional.empty();
            do {
                TodoPage page = service.list(new ListTodosQuery(ALICE, filter, sort, OptionalInt.of(2), after));
                seen.addAll(page.items());
                after = page.next();
            } while (after.isPresent());
            assertThat(seen).as("%s", sort).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void relevanceIsOnlyForASearch() {
        assertThatThrownBy(() -> new ListTodosQuery(ALICE, TodoFilter.ALL, TodoSort.RELEVANCE, OptionalInt.empty(),
                Optional.empty())).isInstanceOf(ValidationException.class);
    }

    private List<Todo> list(TodoFilter filter, TodoSort sort) {
        return service.list(new ListTodosQuery(ALICE, filter, sort, OptionalInt.empty(), Optional.empty())).items();
    }

    private Todo create(TenantId tenant, String title, Priority priority, Due due, String... tags) {
        Todo todo = service.create(new CreateTodoCommand(tenant, Title.of(title), null,
                new Todo.Plan(due, priority, Tags.of(List.of(tags)))));
        now.set(now.get().plusSeconds(1));
        return todo;
    }

    private long lastPosition(TenantId tenant) {
        List<TodoChange> feed = store.execute(tenant, Intent.READ, () -> store.changesSince(tenant, 0, 1000));
        return feed.isEmpty() ? 0 : feed.get(feed.size() - 1).position();
    }
}
