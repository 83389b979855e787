package dev.todo.rest.todo;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.port.in.ListTodosQuery;
import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The query strings of the list ({@code limit} 1–500, {@code cursor}, {@code completed}, {@code sort}) and of the
 * change feed ({@code since}, {@code limit} 1–500, default 100). A parameter that is unknown, repeated or out of
 * range, numbers not in ASCII digits, or a cursor or token forged, altered or made for another tenant, filter or
 * order, is 400 with the parameter named.
 */
final class QueryParameters {

    static final String LIMIT = "limit";
    static final String CURSOR = "cursor";
    static final String COMPLETED = "completed";
    static final String SORT = "sort";
    static final String SINCE = "since";
    static final int DEFAULT_CHANGES_LIMIT = 100;
    private static final Set<String> LIST = Set.of(LIMIT, CURSOR, COMPLETED, SORT);
    private static final Set<String> CHANGES = Set.of(SINCE, LIMIT);
    /** Enough digits for any value of the ranges used here, few enough to stay within an int. */
    private static final int MAX_DIGITS = 9;

    /** A list query, and its sort as given, for the next page's link. */
    record ListQuery(ListTodosQuery query, String sort) {

        boolean paged() {
            return query.limit().isPresent();
        }
    }

    record ChangesQuery(OptionalLong since, int limit) {
    }

    private QueryParameters() {
    }

    static ListQuery list(HttpRequest<?> request, TenantId tenant, Cursors cursors) {
        var parameters = request.getParameters();
        List<FieldError> errors = unknownOrRepeated(parameters, LIST);
        OptionalInt limit = OptionalInt.empty();
        Optional<String> limitText = parameters.getFirst(LIMIT);
        if (limitText.isPresent()) {
            limit = wholeNumber(limitText.get(), ListTodosQuery.MIN_LIMIT, ListTodosQuery.MAX_LIMIT);
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
            return new ListQuery(new ListTodosQuery(tenant, completed, sort, limit, after), sortText);
        } catch (ValidationException e) {
            throw invalid(e.violations().stream().map(v -> new FieldError(v.field(), v.message())).toList());
        }
    }

    /** The cursor of the page after {@code position} in this query. */
    static String cursor(Cursors cursors, TenantId tenant, ListTodosQuery query, TodoPosition position) {
        return cursors.seal(position.id() + "\n" + position.key(), listBinding(tenant, query.sort(), query.completed()));
    }

    /** The query string of the next page, for the Link header. */
    static String nextQuery(ListQuery parsed, String cursor) {
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
        Optional<String> payload = cursors.open(text, listBinding(tenant, sort, completed));
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
    private static String listBinding(TenantId tenant, TodoSort sort, Optional<Boolean> completed) {
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

    static ChangesQuery changes(HttpRequest<?> request, TenantId tenant, Cursors cursors) {
        var parameters = request.getParameters();
        List<FieldError> errors = unknownOrRepeated(parameters, CHANGES);
        int limit = DEFAULT_CHANGES_LIMIT;
        Optional<String> limitText = parameters.getFirst(LIMIT);
        if (limitText.isPresent()) {
            OptionalInt given = wholeNumber(limitText.get(), 1, 500);
            if (given.isPresent()) {
                limit = given.getAsInt();
            } else {
                errors.add(new FieldError(LIMIT, "must be a whole number from 1 to 500"));
            }
        }
        OptionalLong since = OptionalLong.empty();
        Optional<String> token = parameters.getFirst(SINCE);
        if (token.isPresent()) {
            Optional<Long> position = cursors.open(token.get(), syncBinding(tenant)).flatMap(QueryParameters::number);
            if (position.isEmpty()) {
                errors.add(new FieldError(SINCE, "is not a sync token of this tenant (it may be altered or made up)"));
            } else {
                since = OptionalLong.of(position.get());
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new ChangesQuery(since, limit);
    }

    static String token(Cursors cursors, TenantId tenant, long position) {
        return cursors.seal(Long.toString(position), syncBinding(tenant));
    }

    private static String syncBinding(TenantId tenant) {
        return "sync\n" + tenant.value();
    }

    private static Optional<Long> number(String text) {
        try {
            long value = Long.parseLong(text);
            return value >= 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A field error for each parameter not in {@code known} or given more than once; a list to add to. */
    private static List<FieldError> unknownOrRepeated(HttpParameters parameters, Set<String> known) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : parameters.names()) {
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "is not a known parameter"));
            } else if (parameters.getAll(name).size() > 1) {
                errors.add(new FieldError(name, "must be given once"));
            }
        }
        return errors;
    }

    /** The value, or empty when it is not 1 to 9 ASCII digits or is outside {@code min}–{@code max}. */
    private static OptionalInt wholeNumber(String text, int min, int max) {
        if (text.isEmpty() || text.length() > MAX_DIGITS) {
            return OptionalInt.empty();
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            value = value * 10 + (c - '0');
        }
        return value >= min && value <= max ? OptionalInt.of(value) : OptionalInt.empty();
    }
}
