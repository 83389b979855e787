package dev.todo.rest.todo;

import dev.todo.domain.model.Due;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoFilter;
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
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The query strings of the list ({@code limit} 1–500, {@code cursor}, {@code completed}, {@code sort}, and the filters
 * {@code q}, {@code priority}, {@code tag}, {@code due_after}, {@code due_before}, {@code has_due}, {@code overdue},
 * {@code time_zone}, {@code parent_id}) and of the change feed ({@code since}, {@code limit} 1–500, default 100). A parameter that is
 * unknown, repeated (but {@code tag}) or out of range, numbers not in ASCII digits, or a cursor or token forged, altered
 * or made for another tenant, filter or order, is 400 with the parameter named.
 */
final class QueryParameters {

    static final String LIMIT = "limit";
    static final String CURSOR = "cursor";
    static final String COMPLETED = "completed";
    static final String SORT = "sort";
    static final String Q = SearchQuery.FIELD;
    static final String PRIORITY = Priority.FIELD;
    static final String TAG = "tag";
    static final String DUE_AFTER = "due_after";
    static final String DUE_BEFORE = "due_before";
    static final String HAS_DUE = "has_due";
    static final String OVERDUE = "overdue";
    static final String TIME_ZONE = "time_zone";
    static final String PARENT_ID = TodoRequests.PARENT;
    static final String SINCE = "since";
    static final int DEFAULT_CHANGES_LIMIT = 100;
    /** The list's parameters, in the order the next page's link repeats them. */
    private static final List<String> LIST = List.of(LIMIT, SORT, COMPLETED, Q, PRIORITY, TAG, DUE_AFTER, DUE_BEFORE,
            HAS_DUE, OVERDUE, TIME_ZONE, PARENT_ID, CURSOR);
    private static final List<String> CHANGES = List.of(SINCE, LIMIT);
    private static final String SORTS = "must be created_at, updated_at, title, priority, due or position, optionally "
            + "prefixed with -";
    /** Enough digits for any value of the ranges used here, few enough to stay within an int. */
    private static final int MAX_DIGITS = 9;

    /**
     * A list query, and the query string that asked for it without its cursor, for the next page's link.
     * @param given the parameters as given, but the cursor, each percent-encoded and followed by {@code &}
     */
    record ListQuery(ListTodosQuery query, String given) {

        boolean paged() {
            return query.limit().isPresent();
        }
    }

    record ChangesQuery(OptionalLong since, int limit) {
    }

    private QueryParameters() {
    }

    static ListQuery list(HttpRequest<?> request, TenantId tenant, Cursors cursors) {
        Given given = new Given(request.getParameters(), LIST);
        OptionalInt limit = given.one(LIMIT, QueryParameters::pageSize).map(OptionalInt::of)
                .orElse(OptionalInt.empty());
        TodoFilter filter = filter(given);
        Optional<TodoSort> sorted = given.one(SORT, QueryParameters::sort);
        TodoSort sort = sorted.orElseGet(() -> defaultSort(filter));
        Optional<String> cursorText = given.parameters().getFirst(CURSOR);
        if (cursorText.isPresent() && !given.parameters().contains(LIMIT)) {
            given.refuse(CURSOR, "is only valid with limit");
        }
        given.check();
        Optional<TodoPosition> after = cursorText.map(text -> position(cursors, text, tenant, sort, filter));
        try {
            return new ListQuery(new ListTodosQuery(tenant, filter, sort, limit, after), given.except(CURSOR));
        } catch (ValidationException e) {
            throw invalid(e.violations().stream().map(v -> new FieldError(v.field(), v.message())).toList());
        }
    }

    /**
     * The order of a list without {@code sort}: by relevance in a search, else by position among a todo's subtasks
     * ({@code parent_id}), else oldest first.
     */
    private static TodoSort defaultSort(TodoFilter filter) {
        if (filter.search().isPresent()) {
            return TodoSort.RELEVANCE;
        }
        return filter.parent().isPresent() ? new TodoSort(TodoSort.Field.POSITION, false) : TodoSort.CREATION;
    }

    /** The filter the parameters ask for; what is wrong is recorded in {@code given}. */
    private static TodoFilter filter(Given given) {
        ZoneId zone = given.one(TIME_ZONE, id -> Due.zone(id).orElseThrow(() -> ValidationException.of(TIME_ZONE,
                "must be an IANA time zone id, such as Europe/Berlin"))).orElse(ZoneOffset.UTC);
        return TodoFilter.ALL.withCompleted(given.one(COMPLETED, QueryParameters::bool))
                .withSearch(given.one(Q, SearchQuery::parse))
                .withPriorities(given.one(PRIORITY, QueryParameters::priorities).orElse(Set.of()))
                .withTags(given.all(TAG, text -> Tag.of(text, TAG)))
                .withDueBetween(given.one(DUE_AFTER, text -> Due.date(text, DUE_AFTER)),
                        given.one(DUE_BEFORE, text -> Due.date(text, DUE_BEFORE)))
                .withHasDue(given.one(HAS_DUE, QueryParameters::bool))
                .withOverdue(given.one(OVERDUE, QueryParameters::bool), zone)
                .withParent(given.one(PARENT_ID, TodoId::parse));
    }

    /** The cursor of the page after {@code position} in this query. */
    static String cursor(Cursors cursors, TenantId tenant, ListTodosQuery query, TodoPosition position) {
        return cursors.seal(position.id() + "\n" + position.keyText(),
                listBinding(tenant, query.sort(), query.filter()));
    }

    /** The query string of the next page, for the Link header: every parameter as given, and the new cursor. */
    static String nextQuery(ListQuery parsed, String cursor) {
        return parsed.given() + CURSOR + "=" + encode(cursor);
    }

    private static int pageSize(String text) {
        return wholeNumber(text, ListTodosQuery.MIN_LIMIT, ListTodosQuery.MAX_LIMIT).orElseThrow(() ->
                ValidationException.of(LIMIT, "must be a whole number from " + ListTodosQuery.MIN_LIMIT + " to "
                        + ListTodosQuery.MAX_LIMIT));
    }

    private static TodoSort sort(String text) {
        boolean descending = text.startsWith("-");
        String field = descending ? text.substring(1) : text;
        return switch (field) {
            case "created_at", "updated_at", "title", "priority", "due", "position" ->
                    new TodoSort(TodoSort.Field.valueOf(field.toUpperCase(Locale.ROOT)), descending);
            default -> throw ValidationException.of(SORT, SORTS);
        };
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ValidationException.of("", "must be true or false");
        };
    }

    /** {@code high,medium}: any of these priorities. */
    private static Set<Priority> priorities(String text) {
        Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        for (String name : text.split(",", -1)) {
            priorities.add(Priority.parse(name, PRIORITY));
        }
        return priorities;
    }

    private static TodoPosition position(Cursors cursors, String text, TenantId tenant, TodoSort sort,
                                         TodoFilter filter) {
        Optional<String> payload = cursors.open(text, listBinding(tenant, sort, filter));
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

    /**
     * What a cursor is valid for: the tenant, the order and the filter. Newlines cannot occur in a tenant id, a tag or
     * a search word. A filter on completion alone is bound as before issue 17, so that such cursors stay valid; the
     * parent (issue 18) is bound after the rest, only when there is one, so that other cursors stay valid too.
     */
    private static String listBinding(TenantId tenant, TodoSort sort, TodoFilter filter) {
        return listBindingWithoutParent(tenant, sort, filter.withParent(Optional.empty()))
                + filter.parent().map(parent -> "\nparent " + parent).orElse("");
    }

    private static String listBindingWithoutParent(TenantId tenant, TodoSort sort, TodoFilter filter) {
        String binding = "list\n" + tenant.value() + "\n" + sort.field() + (sort.descending() ? "-" : "+") + "\n"
                + filter.completed().map(String::valueOf).orElse("any");
        if (filter.withCompleted(Optional.empty()).equals(TodoFilter.ALL)) {
            return binding;
        }
        return String.join("\n", binding,
                filter.priorities().stream().map(Priority::wireName).sorted().collect(Collectors.joining(",")),
                filter.tagKeys().stream().sorted().collect(Collectors.joining("\u0000")),
                filter.dueFrom().map(LocalDate::toString).orElse("-"),
                filter.dueUntil().map(LocalDate::toString).orElse("-"),
                filter.hasDue().map(String::valueOf).orElse("any"),
                filter.overdue().map(String::valueOf).orElse("any"),
                filter.timeZone().getId(),
                filter.search().map(search -> String.join(" ", search.words())).orElse(""));
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
        List<FieldError> errors = unknownOrRepeated(parameters, CHANGES, Set.of());
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

    /**
     * A field error for each parameter not in {@code known} or given more than once (but the {@code repeatable}
     * ones); a list to add to.
     */
    private static List<FieldError> unknownOrRepeated(HttpParameters parameters, List<String> known,
                                                      Set<String> repeatable) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : parameters.names()) {
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "is not a known parameter"));
            } else if (parameters.getAll(name).size() > 1 && !repeatable.contains(name)) {
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

    /** The parameters of a request as they are read, and what is wrong with them, each named by its parameter. */
    private static final class Given {

        private final HttpParameters parameters;
        private final List<String> known;
        private final List<FieldError> errors;

        /** Records the parameters not in {@code known}, and those given more than once ({@value #TAG} may be). */
        Given(HttpParameters parameters, List<String> known) {
            this.parameters = parameters;
            this.known = known;
            this.errors = unknownOrRepeated(parameters, known, Set.of(TAG));
        }

        HttpParameters parameters() {
            return parameters;
        }

        /** The parameter's value read by {@code reader}; empty when it is absent or wrong (recorded). */
        <T> Optional<T> one(String name, Function<String, T> reader) {
            return parameters.getFirst(name).flatMap(text -> read(name, text, reader));
        }

        /** Every value of a repeatable parameter, each read by {@code reader}; those that are wrong are recorded. */
        <T> List<T> all(String name, Function<String, T> reader) {
            return parameters.getAll(name).stream().flatMap(text -> read(name, text, reader).stream()).toList();
        }

        private <T> Optional<T> read(String name, String text, Function<String, T> reader) {
            try {
                return Optional.of(reader.apply(text));
            } catch (ValidationException e) {
                e.violations().forEach(v -> refuse(name, v.message()));
                return Optional.empty();
            }
        }

        void refuse(String name, String message) {
            errors.add(new FieldError(name, message));
        }

        /** Fails with every error recorded, if any. */
        void check() {
            if (!errors.isEmpty()) {
                throw invalid(errors);
            }
        }

        /** The query string of every known parameter but {@code left}, in their order, each followed by {@code &}. */
        String except(String left) {
            StringBuilder query = new StringBuilder();
            for (String name : known) {
                if (!name.equals(left)) {
                    parameters.getAll(name).forEach(v -> query.append(name).append('=').append(encode(v)).append('&'));
                }
            }
            return query.toString();
        }
    }
}
