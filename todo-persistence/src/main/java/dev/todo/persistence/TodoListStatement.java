package dev.todo.persistence;

import dev.todo.domain.model.Priority;
import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.TodoSort.Part;
import dev.todo.domain.port.out.TodoQuery;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The clauses that pick a filtered, ordered page of a tenant's todos: every criterion of the {@link TodoFilter}, keyset
 * paging after the position over the sort's {@linkplain TodoSort#parts() parts}, each in its direction, and the order.
 * Put together from fixed fragments, every value the client gave bound (ADR 0016). Each part is an SQL expression
 * equal to the domain's {@link Part#valueOf}, so that the page is exactly what {@link TodoQuery#selects} and
 * {@link TodoSort#comparator} make of the same todos.
 */
final class TodoListStatement {

    /** {@link Part#DUE_MOMENT}: a timed due's instant in epoch microseconds, all day last in its day, 0 without due. */
    private static final String DUE_MOMENT = "CASE WHEN due_at IS NOT NULL THEN (extract(epoch FROM due_at) * 1000000)"
            + "::bigint WHEN due_date IS NOT NULL THEN " + Long.MAX_VALUE + " ELSE 0 END";
    /** One word of a search counted towards its rank ({@link SearchQuery#rank}): 1 if the title has it. */
    private static final String TITLE_HAS_WORD = "(title_words @@ ?::tsquery)::int";
    /** Open and past: a timed due's instant before now, an all-day due's date before today; never null. */
    private static final String OVERDUE = "(NOT is_completed AND (due_at < ?::timestamptz "
            + "OR (due_at IS NULL AND due_date < ?::date)))";

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters;
    private final TodoSort sort;
    private final @Nullable SearchQuery search;

    private TodoListStatement(TodoQuery query, List<Object> parameters) {
        this.parameters = parameters;
        this.sort = query.sort();
        this.search = query.filter().search().orElse(null);
        if (search == null && sort.parts().contains(Part.RANK)) {
            throw new IllegalArgumentException("the " + sort.field() + " order needs a search");
        }
    }

    /**
     * {@return the clauses after {@code FROM todo}: WHERE, ORDER BY and LIMIT} Their values are added to
     * {@code parameters}, in order.
     * @throws IllegalArgumentException if the order ranks by relevance and the filter has no search
     */
    static String clauses(TenantId tenant, TodoQuery query, List<Object> parameters) {
        TodoListStatement statement = new TodoListStatement(query, parameters);
        statement.bind("WHERE user_id = ?", tenant.value());
        statement.filter(query.filter(), query.now());
        query.after().ifPresent(statement::after);
        statement.orderBy();
        if (query.limit().isPresent()) {
            statement.bind(" LIMIT ?", query.limit().getAsInt());
        }
        return statement.sql.toString();
    }

    private void filter(TodoFilter filter, Instant now) {
        filter.completed().ifPresent(completed -> bind(" AND is_completed = ?", completed));
        if (!filter.priorities().isEmpty()) {
            bind(" AND priority = ANY (?::smallint[])",
                    (Object) filter.priorities().stream().sorted().map(Priority::rank).toArray(Integer[]::new));
        }
        if (!filter.tags().isEmpty()) {
            bind(" AND tag_keys @> ?::text[]", (Object) filter.tagKeys().toArray(String[]::new));
        }
        filter.dueFrom().ifPresent(from -> bind(" AND due_date >= ?::date", from));
        filter.dueUntil().ifPresent(until -> bind(" AND due_date <= ?::date", until));
        filter.hasDue().ifPresent(has -> sql.append(has ? " AND due_date IS NOT NULL" : " AND due_date IS NULL"));
        filter.overdue().ifPresent(overdue -> bind(" AND " + OVERDUE + (overdue ? " IS TRUE" : " IS NOT TRUE"),
                JdbcTodoRepository.at(now), filter.today(now)));
        filter.search().ifPresent(words -> bind(" AND search_words @@ ?::tsquery", SearchWords.matching(words)));
        filter.parent().ifPresent(parent -> bind(" AND parent_id = ?", parent.value()));
    }

    /**
     * Strictly after the position in the order: a row comparison when every part runs one way, else the expanded
     * form (an earlier part beyond the position's, or equal and a later one beyond), bounded by the first part.
     */
    private void after(TodoPosition position) {
        List<Part> parts = sort.parts();
        if (parts.stream().allMatch(part -> sort.descends(part) == sort.idDescends())) {
            sql.append(" AND (");
            parts.forEach(part -> {
                expression(part);
                sql.append(", ");
            });
            sql.append("id) ").append(sort.idDescends() ? "<" : ">").append(" (");
            parts.forEach(part -> bind("?, ", value(position.valueOf(part))));
            bind("?)", position.id().value());
            return;
        }
        sql.append(" AND ");
        compare(parts.get(0), sort.descends(parts.get(0)) ? " <= ?" : " >= ?", position);
        sql.append(" AND (");
        for (int i = 0; i <= parts.size(); i++) {
            sql.append(i == 0 ? "(" : " OR (");
            for (int j = 0; j < i; j++) {
                compare(parts.get(j), " = ?", position);
                sql.append(" AND ");
            }
            if (i < parts.size()) {
                compare(parts.get(i), sort.descends(parts.get(i)) ? " < ?" : " > ?", position);
            } else {
                bind(sort.idDescends() ? "id < ?" : "id > ?", position.id().value());
            }
            sql.append(')');
        }
        sql.append(')');
    }

    /** A part's expression, an operator, and the position's value of the part. */
    private void compare(Part part, String operator, TodoPosition position) {
        expression(part);
        bind(operator, value(position.valueOf(part)));
    }

    private void orderBy() {
        sql.append(" ORDER BY ");
        for (Part part : sort.parts()) {
            expression(part);
            sql.append(sort.descends(part) ? " DESC, " : ", ");
        }
        if (uniqueKey()) {
            sql.setLength(sql.length() - 2);
            return;
        }
        sql.append(sort.idDescends() ? "id DESC" : "id");
    }

    /**
     * Whether the order is the position's alone: keys are unique per tenant (todo_user_position_idx), so the id never
     * breaks a tie and is left out of ORDER BY, where the unique index gives the order as it is, without a sort. The
     * page still starts after the position's key and id together: a position may name any id, and the key of a todo
     * deleted since may be another's now.
     */
    private boolean uniqueKey() {
        return sort.parts().equals(List.of(Part.POSITION));
    }

    /** The SQL expression of a part, equal to {@link Part#valueOf} of the row's todo. */
    private void expression(Part part) {
        switch (part) {
            case CREATED_AT -> sql.append("created_at");
            case UPDATED_AT -> sql.append("updated_at");
            case TITLE -> sql.append("title COLLATE \"C\"");
            case PRIORITY -> sql.append("priority");
            case NO_DUE -> sql.append("(due_date IS NULL)::int");
            case DUE_DAY -> sql.append("coalesce(due_date - DATE '1970-01-01', 0)");
            case DUE_MOMENT -> sql.append(DUE_MOMENT);
            case RANK -> rank();
            case POSITION -> sql.append("position");
        }
    }

    /** {@link Part#RANK}: how many of the search's words the title has, the last as a prefix. */
    private void rank() {
        List<String> words = SearchWords.eachWord(Objects.requireNonNull(search, "search"));
        sql.append('(');
        for (int i = 0; i < words.size(); i++) {
            bind(i == 0 ? TITLE_HAS_WORD : " + " + TITLE_HAS_WORD, words.get(i));
        }
        sql.append(')');
    }

    private void bind(String fragment, Object... values) {
        sql.append(fragment);
        parameters.addAll(List.of(values));
    }

    /** A key part's value as it is bound: an instant as a timestamptz, a number or a text as it is. */
    private static Object value(Object part) {
        return part instanceof Instant instant ? JdbcTodoRepository.at(instant) : part;
    }
}
