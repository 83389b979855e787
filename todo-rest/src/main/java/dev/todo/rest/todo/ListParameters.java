package dev.todo.rest.todo;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.port.in.ListTodosQuery;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The query string of the list route: {@code limit} (1–500), {@code cursor}, {@code completed=true|false} and
 * {@code sort} ({@code created_at}, {@code updated_at} or {@code title}, {@code -} first for descending). Anything
 * else, a repeated parameter, a value out of range, or a cursor that was forged, altered, or made for another tenant
 * or another filter or order, is 400 with the parameter named.
 */
final class ListParameters {

    static final String LIMIT = "limit";
    static final String CURSOR = "cursor";
    static final String COMPLETED = "completed";
    static final String SORT = "sort";
    private static final Set<String> KNOWN = Set.of(LIMIT, CURSOR, COMPLETED, SORT);

    record Parsed(ListTodosQuery query, String sort) {

        boolean paged() {
            return query.limit().isPresent();
        }
    }

    private ListParameters() {
    }

    static Parsed parse(HttpRequest<?> request, TenantId tenant, Cursors cursors) {
        var parameters = request.getParameters();
        List<FieldError> errors = QueryParameters.unknownOrRepeated(parameters, KNOWN);
        OptionalInt limit = OptionalInt.empty();
        Optional<String> limitText = parameters.getFirst(LIMIT);
        if (limitText.isPresent()) {
            limit = QueryParameters.wholeNumber(limitText.get(), ListTodosQuery.MIN_LIMIT, ListTodosQuery.MAX_LIMIT);
            if (limit.isEmpty()) {
                errors.add(new FieldError(LIMIT, "must be a whole number from " + ListTodosQuery.MIN_LIMIT + " to "
                        + ListTodosQuery.MAX_LIMIT));
            }
        }
        Optional<Boolean> completed = Optional.empty();
        Optional<String> completedText = parameters.getFirst(COMPLETED);
        if (completedText.isPresent()) {
            switch (completedText.get()) {
                case "true" -> completed = Optional.of(true);
                case "false" -> completed = Optional.of(false);
                default -> errors.add(new FieldError(COMPLETED, "must be true or false"));
            }
        }
        String sortText = parameters.getFirst(SORT).orElse("created_at");
        TodoSort sort = sort(sortText).orElse(null);
        if (sort == null) {
            errors.add(new FieldError(SORT, "must be created_at, updated_at or title, optionally prefixed with -"));
        }
        Optional<String> cursorText = parameters.getFirst(CURSOR);
        if (cursorText.isPresent() && limitText.isEmpty()) {
            errors.add(new FieldError(CURSOR, "is only valid with limit"));
        }
        // sort is null only when its error is among the errors.
        if (sort == null || !errors.isEmpty()) {
            throw invalid(errors);
        }
        Optional<Boolean> filter = completed;
        Optional<TodoPosition> after = cursorText.map(text -> position(cursors, text, tenant, sort, filter));
        try {
            return new Parsed(new ListTodosQuery(tenant, completed, sort, limit, after), sortText);
        } catch (ValidationException e) {
            throw invalid(e.violations().stream().map(v -> new FieldError(v.field(), v.message())).toList());
        }
    }

    /** The cursor of the page after {@code position} in this query. */
    static String cursor(Cursors cursors, TenantId tenant, ListTodosQuery query, TodoPosition position) {
        return cursors.seal(position.id() + "\n" + position.key(), binding(tenant, query.sort(), query.completed()));
    }

    /** The query string of the next page, for the Link header. */
    static String nextQuery(Parsed parsed, String cursor) {
        StringBuilder query = new StringBuilder(LIMIT).append('=').append(parsed.query().limit().getAsInt());
        if (!parsed.sort().equals("created_at")) {
            query.append('&').append(SORT).append('=').append(encode(parsed.sort()));
        }
        parsed.query().completed().ifPresent(c -> query.append('&').append(COMPLETED).append('=').append(c));
        return query.append('&').append(CURSOR).append('=').append(encode(cursor)).toString();
    }

    private static Optional<TodoSort> sort(String text) {
        boolean descending = text.startsWith("-");
        String field = descending ? text.substring(1) : text;
        return switch (field) {
            case "created_at", "updated_at", "title" ->
                    Optional.of(new TodoSort(TodoSort.Field.valueOf(field.toUpperCase(Locale.ROOT)), descending));
            default -> Optional.empty();
        };
    }

    private static TodoPosition position(Cursors cursors, String text, TenantId tenant, TodoSort sort,
                                         Optional<Boolean> completed) {
        Optional<String> payload = cursors.open(text, binding(tenant, sort, completed));
        int newline = payload.map(p -> p.indexOf('\n')).orElse(-1);
        if (newline < 0) {
            throw invalid(List.of(new FieldError(CURSOR, "is not a cursor of this list (it may be altered, or made for "
                    + "another order, filter or tenant)")));
        }
        try {
            return new TodoPosition(sort, payload.get().substring(newline + 1),
                    TodoId.parse(payload.get().substring(0, newline)));
        } catch (RuntimeException e) {
            throw invalid(List.of(new FieldError(CURSOR, "is not a cursor of this list")));
        }
    }

    /** What a cursor is valid for: the tenant, the order and the filter. Newlines cannot occur in a tenant id. */
    private static String binding(TenantId tenant, TodoSort sort, Optional<Boolean> completed) {
        return "list\n" + tenant.value() + "\n" + sort.field() + (sort.descending() ? "-" : "+") + "\n"
                + completed.map(String::valueOf).orElse("any");
    }

    private static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR,
                "The query string is invalid.", errors);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
