package dev.todo.examples.digest;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.port.in.ListTodosQuery;
import dev.todo.domain.port.in.ListTodosUseCase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The daily digest of a tenant: its open todos, oldest first, with how many days each has been open. It needs only
 * the in-port {@link ListTodosUseCase}, so it works on top of any adapter the use cases run on.
 */
public final class DailyDigest {

    private final ListTodosUseCase todos;
    private final Clock clock;

    /**
     * Makes a digest on top of the list use case.
     *
     * @param todos where the todos come from
     * @param clock the time the ages are counted to
     */
    public DailyDigest(ListTodosUseCase todos, Clock clock) {
        this.todos = Objects.requireNonNull(todos, "todos");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The tenant's open todos, oldest first: the use case's list of todos that are not done, in the order of their
     * creation.
     *
     * @param tenant whose todos
     * @return the open todos
     */
    public List<Todo> open(TenantId tenant) {
        return todos.list(new ListTodosQuery(tenant, Optional.of(false), TodoSort.CREATION, OptionalInt.empty(),
                Optional.empty())).items();
    }

    /**
     * The digest as text, one line per open todo.
     *
     * @param tenant whose todos
     * @return the digest
     */
    public String render(TenantId tenant) {
        List<Todo> open = open(tenant);
        if (open.isEmpty()) {
            return "Nothing open for " + tenant + ".\n";
        }
        StringBuilder text = new StringBuilder()
                .append(open.size()).append(open.size() == 1 ? " open todo" : " open todos")
                .append(" for ").append(tenant).append(", oldest first:\n");
        for (Todo todo : open) {
            long days = Duration.between(todo.createdAt(), clock.instant()).toDays();
            text.append("- ").append(todo.title());
            todo.description().filter(d -> !d.value().isEmpty()).ifPresent(d -> text.append(" (").append(d).append(')'));
            text.append(", open ").append(days).append(days == 1 ? " day" : " days").append('\n');
        }
        return text.toString();
    }
}
