package dev.todo.domain.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which todos of a tenant a list holds: every criterion given must hold (an empty one holds for every todo).
 * @param completed only done ({@code true}) or only open ({@code false}) todos
 * @param priorities any of these priorities; empty for all
 * @param tags every one of these tags, compared by {@linkplain Tag#key() key}; empty for all
 * @param dueFrom due on this date or later (the due's date, inclusive)
 * @param dueUntil due on this date or earlier (the due's date, inclusive)
 * @param hasDue with a due ({@code true}) or without ({@code false})
 * @param overdue overdue ({@code true}: open and {@linkplain Due#isPast past}) or not ({@code false})
 * @param timeZone the zone whose today an all-day due is compared with, for {@code overdue}
 * @param search the words to search for
 * @param parent only the subtasks of this todo
 */
public record TodoFilter(Optional<Boolean> completed, Set<Priority> priorities, List<Tag> tags,
                         Optional<LocalDate> dueFrom, Optional<LocalDate> dueUntil, Optional<Boolean> hasDue,
                         Optional<Boolean> overdue, ZoneId timeZone, Optional<SearchQuery> search,
                         Optional<TodoId> parent) {

    /** No criterion: every todo. */
    public static final TodoFilter ALL = new TodoFilter(Optional.empty(), Set.of(), List.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), ZoneOffset.UTC, Optional.empty(), Optional.empty());

    /** A filter without a parent criterion. */
    public TodoFilter(Optional<Boolean> completed, Set<Priority> priorities, List<Tag> tags,
                      Optional<LocalDate> dueFrom, Optional<LocalDate> dueUntil, Optional<Boolean> hasDue,
                      Optional<Boolean> overdue, ZoneId timeZone, Optional<SearchQuery> search) {
        this(completed, priorities, tags, dueFrom, dueUntil, hasDue, overdue, timeZone, search, Optional.empty());
    }

    public TodoFilter {
        Objects.requireNonNull(completed, "completed");
        priorities = priorities.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(priorities));
        tags = List.copyOf(tags);
        Objects.requireNonNull(dueFrom, "dueFrom");
        Objects.requireNonNull(dueUntil, "dueUntil");
        Objects.requireNonNull(hasDue, "hasDue");
        Objects.requireNonNull(overdue, "overdue");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(parent, "parent");
    }

    /** Only done or only open todos, or all ({@code completed} empty). */
    public static TodoFilter completed(Optional<Boolean> completed) {
        return ALL.withCompleted(completed);
    }

    /** This filter with another completion criterion. */
    public TodoFilter withCompleted(Optional<Boolean> newCompleted) {
        return new TodoFilter(newCompleted, priorities, tags, dueFrom, dueUntil, hasDue, overdue, timeZone, search,
                parent);
    }

    /** This filter with other priorities. */
    public TodoFilter withPriorities(Set<Priority> newPriorities) {
        return new TodoFilter(completed, newPriorities, tags, dueFrom, dueUntil, hasDue, overdue, timeZone, search,
                parent);
    }

    /** This filter with other tags. */
    public TodoFilter withTags(List<Tag> newTags) {
        return new TodoFilter(completed, priorities, newTags, dueFrom, dueUntil, hasDue, overdue, timeZone, search,
                parent);
    }

    /** This filter with other due-date bounds. */
    public TodoFilter withDueBetween(Optional<LocalDate> from, Optional<LocalDate> until) {
        return new TodoFilter(completed, priorities, tags, from, until, hasDue, overdue, timeZone, search, parent);
    }

    /** This filter with another criterion on having a due. */
    public TodoFilter withHasDue(Optional<Boolean> newHasDue) {
        return new TodoFilter(completed, priorities, tags, dueFrom, dueUntil, newHasDue, overdue, timeZone, search,
                parent);
    }

    /** This filter with another overdue criterion, all-day dues compared with today in {@code zone}. */
    public TodoFilter withOverdue(Optional<Boolean> newOverdue, ZoneId zone) {
        return new TodoFilter(completed, priorities, tags, dueFrom, dueUntil, hasDue, newOverdue, zone, search, parent);
    }

    /** This filter with another search. */
    public TodoFilter withSearch(Optional<SearchQuery> newSearch) {
        return new TodoFilter(completed, priorities, tags, dueFrom, dueUntil, hasDue, overdue, timeZone, newSearch,
                parent);
    }

    /** This filter with another parent criterion: only the subtasks of {@code newParent}, or any todo. */
    public TodoFilter withParent(Optional<TodoId> newParent) {
        return new TodoFilter(completed, priorities, tags, dueFrom, dueUntil, hasDue, overdue, timeZone, search,
                newParent);
    }

    /** {@return the {@linkplain Tag#key() keys} of the tags every todo listed carries} */
    public List<String> tagKeys() {
        return tags.stream().map(Tag::key).distinct().toList();
    }

    /** {@return today in {@link #timeZone()} at {@code now}: an all-day due before it is overdue} */
    public LocalDate today(Instant now) {
        return LocalDate.ofInstant(now, timeZone);
    }

    /** {@return true if a todo is overdue at {@code now}: open, with a due that has passed} */
    public boolean isOverdue(Todo todo, Instant now) {
        return !todo.completed() && todo.due().map(due -> due.isPast(now, timeZone)).orElse(false);
    }

    /** {@return true if the todo meets every criterion at {@code now}} */
    public boolean matches(Todo todo, Instant now) {
        Optional<LocalDate> date = todo.due().map(Due::date);
        return completed.map(c -> c == todo.completed()).orElse(true)
                && (priorities.isEmpty() || priorities.contains(todo.priority()))
                && todo.tags().containsAllKeys(tagKeys())
                && dueFrom.map(from -> date.filter(d -> !d.isBefore(from)).isPresent()).orElse(true)
                && dueUntil.map(until -> date.filter(d -> !d.isAfter(until)).isPresent()).orElse(true)
                && hasDue.map(h -> h == date.isPresent()).orElse(true)
                && overdue.map(o -> o == isOverdue(todo, now)).orElse(true)
                && search.map(s -> s.matches(todo)).orElse(true)
                && parent.map(p -> todo.parent().filter(p::equals).isPresent()).orElse(true);
    }
}
