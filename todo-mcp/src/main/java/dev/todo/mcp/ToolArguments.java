package dev.todo.mcp;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.model.Violation;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.ListTodosQuery;
import io.micronaut.core.annotation.Nullable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a tool's arguments (a JSON object already checked against the tool's input schema: members have the types
 * the schema names) into the domain's commands and queries. The value rules are the domain's: every broken one is
 * collected, each named by its argument ({@code due.date}, {@code tasks[2].title}), and thrown together as one
 * {@link ValidationException}.
 */
final class ToolArguments {

    static final String TASK_ID = "task_id";
    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String PARENT_ID = "parent_id";
    static final String COMPLETED = "completed";
    static final String TASKS = "tasks";
    /** A page's default size: small, as an agent reads it into its context. */
    static final int DEFAULT_LIMIT = 50;

    private ToolArguments() {
    }

    /** The todo id {@code task_id} names. */
    static TodoId taskId(Map<String, Object> args, String prefix) {
        Object value = args.get(TASK_ID);
        try {
            return TodoId.parse(value instanceof String text ? text : "");
        } catch (ValidationException e) {
            throw ValidationException.of(prefix + TASK_ID, "must be a todo id (a UUID)");
        }
    }

    /** What {@code add_task} asks for: title, description?, due?, priority?, tags?, recurrence?, parent_id?. */
    static CreateTodoCommand create(TenantId tenant, Map<String, Object> args, String prefix) {
        Found found = new Found(prefix);
        Title title = found.read(TITLE, args.get(TITLE), text -> Title.of((String) text));
        Description description = args.get(DESCRIPTION) == null ? null
                : found.read(DESCRIPTION, args.get(DESCRIPTION), text -> Description.ofNullable((String) text));
        Due due = args.get(Due.FIELD) == null ? null : found.read(Due.FIELD, args.get(Due.FIELD), ToolArguments::due);
        Priority priority = args.get(Priority.FIELD) == null ? Priority.NONE
                : found.read(Priority.FIELD, args.get(Priority.FIELD), ToolArguments::priority);
        Tags tags = args.get(Tags.FIELD) == null ? Tags.NONE
                : found.read(Tags.FIELD, args.get(Tags.FIELD), ToolArguments::tags);
        Recurrence recurrence = args.get(Recurrence.FIELD) == null ? null
                : found.read(Recurrence.FIELD, args.get(Recurrence.FIELD), text -> Recurrence.parse((String) text));
        TodoId parent = args.get(PARENT_ID) == null ? null
                : found.read(PARENT_ID, args.get(PARENT_ID), ToolArguments::todoId);
        found.throwIfAny();
        Todo.Plan plan;
        try {
            plan = new Todo.Plan(due, required(priority), required(tags), recurrence);
        } catch (ValidationException e) {
            found.addAll(e);
            throw found.failure();
        }
        // Each is null only when its violation was thrown above.
        return new CreateTodoCommand(tenant, required(title), description, plan, parent);
    }

    /** What {@code update_task} asks to change: title?, description?, due?, priority?, tags?, recurrence?. */
    static TodoChanges changes(Map<String, Object> args, String prefix) {
        Found found = new Found(prefix);
        TodoChanges changes = TodoChanges.none();
        if (args.containsKey(TITLE)) {
            Title title = found.read(TITLE, args.get(TITLE), text -> Title.of((String) text));
            changes = title == null ? changes : changes.title(title);
        }
        if (args.containsKey(DESCRIPTION)) {
            Object text = args.get(DESCRIPTION);
            Description description = text == null ? null
                    : found.read(DESCRIPTION, text, value -> Description.ofNullable((String) value));
            changes = changes.description(description);
        }
        if (args.containsKey(Due.FIELD)) {
            Object value = args.get(Due.FIELD);
            changes = changes.due(value == null ? null : found.read(Due.FIELD, value, ToolArguments::due));
        }
        if (args.containsKey(Priority.FIELD)) {
            Object value = args.get(Priority.FIELD);
            Priority priority = value == null ? Priority.NONE
                    : found.read(Priority.FIELD, value, ToolArguments::priority);
            changes = priority == null ? changes : changes.priority(priority);
        }
        if (args.containsKey(Tags.FIELD)) {
            Object value = args.get(Tags.FIELD);
            Tags tags = value == null ? Tags.NONE : found.read(Tags.FIELD, value, ToolArguments::tags);
            changes = tags == null ? changes : changes.tags(tags);
        }
        if (args.containsKey(Recurrence.FIELD)) {
            Object value = args.get(Recurrence.FIELD);
            changes = changes.recurrence(value == null ? null
                    : found.read(Recurrence.FIELD, value, text -> Recurrence.parse((String) text)));
        }
        found.throwIfAny();
        if (changes.isEmpty()) {
            throw ValidationException.of(prefix + TASK_ID, "names a todo but nothing to change in it");
        }
        return changes;
    }

    /** {@code completed}, true unless it says false. */
    static boolean completed(Map<String, Object> args) {
        return !Boolean.FALSE.equals(args.get(COMPLETED));
    }

    /**
     * The query {@code list_tasks} asks for.
     *
     * @param now what "today" is measured from, in the arguments' {@code time_zone} (UTC by default)
     * @param after the position the arguments' cursor carries, once opened
     */
    static ListTodosQuery list(TenantId tenant, Map<String, Object> args, Instant now,
                               Optional<TodoPosition> after) {
        return new ListTodosQuery(tenant, filter(args, now), sort(args), OptionalInt.of(limit(args)), after);
    }

    /** The size of the page asked for: {@code limit}, else {@value #DEFAULT_LIMIT}. */
    static int limit(Map<String, Object> args) {
        Object limit = args.get("limit");
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        long value = ((Number) limit).longValue();
        if (value < ListTodosQuery.MIN_LIMIT || value > ListTodosQuery.MAX_LIMIT) {
            throw ValidationException.of("limit", "must be from " + ListTodosQuery.MIN_LIMIT + " to "
                    + ListTodosQuery.MAX_LIMIT);
        }
        return (int) value;
    }

    /** The order asked for: {@code sort} as the REST API spells it, else relevance in a search, else creation. */
    static TodoSort sort(Map<String, Object> args) {
        Object sort = args.get("sort");
        if (sort == null) {
            return args.get(SearchQuery.FIELD) == null ? TodoSort.CREATION : TodoSort.RELEVANCE;
        }
        String text = (String) sort;
        boolean descending = text.startsWith("-");
        String field = descending ? text.substring(1) : text;
        return switch (field) {
            case "created_at", "updated_at", "title", "priority", "due", "position" ->
                    new TodoSort(TodoSort.Field.valueOf(field.toUpperCase(Locale.ROOT)), descending);
            default -> throw ValidationException.of("sort", "must be created_at, updated_at, title, priority, due or "
                    + "position, optionally prefixed with -");
        };
    }

    /** The filter: status, q, priority, tag, due_before, due_after, overdue, due (in time_zone), parent_id. */
    static TodoFilter filter(Map<String, Object> args, Instant now) {
        Found found = new Found("");
        ZoneId zone = args.get("time_zone") == null ? ZoneOffset.UTC
                : found.read("time_zone", args.get("time_zone"), id -> Due.zone((String) id).orElseThrow(() ->
                ValidationException.of("", "must be an IANA time zone id, such as Europe/Berlin")));
        ZoneId inZone = zone == null ? ZoneOffset.UTC : zone;
        Optional<Boolean> completed = switch (String.valueOf(args.getOrDefault("status", "all"))) {
            case "pending" -> Optional.of(false);
            case "completed" -> Optional.of(true);
            default -> Optional.empty();
        };
        TodoFilter filter = TodoFilter.ALL.withCompleted(completed);
        if (args.get(SearchQuery.FIELD) != null) {
            SearchQuery search = found.read(SearchQuery.FIELD, args.get(SearchQuery.FIELD),
                    text -> SearchQuery.parse((String) text));
            filter = filter.withSearch(Optional.ofNullable(search));
        }
        if (args.get(Priority.FIELD) != null) {
            Set<Priority> priorities = found.read(Priority.FIELD, args.get(Priority.FIELD), ToolArguments::priorities);
            filter = priorities == null ? filter : filter.withPriorities(priorities);
        }
        if (args.get("tag") != null) {
            List<Tag> tags = found.read("tag", args.get("tag"), ToolArguments::tagList);
            filter = tags == null ? filter : filter.withTags(tags);
        }
        Optional<LocalDate> after = Optional.ofNullable(args.get("due_after") == null ? null
                : found.read("due_after", args.get("due_after"), text -> Due.date((String) text, "")));
        Optional<LocalDate> before = Optional.ofNullable(args.get("due_before") == null ? null
                : found.read("due_before", args.get("due_before"), text -> Due.date((String) text, "")));
        Optional<Boolean> overdue = Optional.ofNullable((Boolean) args.get("overdue"));
        Object due = args.get(Due.FIELD);
        if (due != null) {
            if (after.isPresent() || before.isPresent() || overdue.isPresent()) {
                found.add(Due.FIELD, "cannot be combined with due_after, due_before or overdue");
            }
            LocalDate today = LocalDate.ofInstant(now, inZone);
            switch ((String) due) {
                case "today" -> {
                    after = Optional.of(today);
                    before = Optional.of(today);
                }
                case "overdue" -> overdue = Optional.of(true);
                case "this_week" -> {
                    after = Optional.of(today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
                    before = Optional.of(today.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)));
                }
                default -> found.add(Due.FIELD, "must be today, overdue or this_week");
            }
        }
        filter = filter.withDueBetween(after, before).withOverdue(overdue, inZone);
        if (args.get(PARENT_ID) != null) {
            TodoId parent = found.read(PARENT_ID, args.get(PARENT_ID), ToolArguments::todoId);
            filter = filter.withParent(Optional.ofNullable(parent));
        }
        found.throwIfAny();
        return filter;
    }

    /**
     * What a list cursor is valid for: the tenant, the order and the whole filter, in a canonical form (sets sorted),
     * so that a cursor is refused with another tenant, order or filter.
     */
    static String binding(TenantId tenant, TodoSort sort, TodoFilter filter) {
        return String.join("\n", "mcp-list", tenant.value(), sort.field() + (sort.descending() ? "-" : "+"),
                filter.completed().map(String::valueOf).orElse("any"),
                filter.priorities().stream().map(Priority::wireName).sorted().collect(Collectors.joining(",")),
                filter.tagKeys().stream().sorted().collect(Collectors.joining("\u0000")),
                filter.dueFrom().map(LocalDate::toString).orElse("-"),
                filter.dueUntil().map(LocalDate::toString).orElse("-"),
                filter.hasDue().map(String::valueOf).orElse("any"),
                filter.overdue().map(String::valueOf).orElse("any"),
                filter.timeZone().getId(),
                filter.search().map(search -> String.join(" ", search.words())).orElse(""),
                filter.parent().map(TodoId::toString).orElse("-"));
    }

    /** A due: {@code "2026-01-22"} (all day), or {@code {date, time?, time_zone?}}. */
    @SuppressWarnings("unchecked")
    private static Due due(Object value) {
        if (value instanceof String date) {
            return Due.parse(date, null, null);
        }
        Map<String, Object> members = (Map<String, Object>) value;
        try {
            return Due.parse((String) members.get("date"), (String) members.get("time"),
                    (String) members.get("time_zone"));
        } catch (ValidationException e) {
            // Due names its parts due.date, due.time, due.time_zone: read() names the argument, so strip "due".
            throw new ValidationException(e.violations().stream()
                    .map(v -> new Violation(v.field().startsWith(Due.FIELD) ? v.field().substring(Due.FIELD.length())
                            : "", v.message()))
                    .toList());
        }
    }

    private static Priority priority(Object value) {
        return Priority.parse((String) value, "");
    }

    private static Set<Priority> priorities(Object value) {
        Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        for (Object name : value instanceof List<?> list ? list : List.of(value)) {
            priorities.add(Priority.parse(String.valueOf(name), ""));
        }
        return priorities;
    }

    private static Tags tags(Object value) {
        List<@Nullable String> names = new ArrayList<>();
        for (Object name : (List<?>) value) {
            names.add(name instanceof String text ? text : null);
        }
        try {
            return Tags.of(names);
        } catch (ValidationException e) {
            // Tags names its elements tags[i]: read() names the argument, so strip "tags".
            throw new ValidationException(e.violations().stream()
                    .map(v -> new Violation(v.field().startsWith(Tags.FIELD) ? v.field().substring(Tags.FIELD.length())
                            : "", v.message()))
                    .toList());
        }
    }

    private static List<Tag> tagList(Object value) {
        List<Tag> tags = new ArrayList<>();
        for (Object name : value instanceof List<?> list ? list : List.of(value)) {
            tags.add(Tag.of(String.valueOf(name), ""));
        }
        return tags;
    }

    private static TodoId todoId(Object value) {
        try {
            return TodoId.parse((String) value);
        } catch (ValidationException e) {
            throw ValidationException.of("", "must be a todo id (a UUID)");
        }
    }

    private static <T> T required(@Nullable T value) {
        if (value == null) {
            throw new IllegalStateException("a value read without a violation");
        }
        return value;
    }

    /** The violations found so far, each field named {@code prefix + argument + the domain's own suffix}. */
    private static final class Found {
        private final String prefix;
        private final List<Violation> violations = new ArrayList<>();

        Found(String prefix) {
            this.prefix = prefix;
        }

        /**
         * {@code reader}'s value for an argument, or null with its violations recorded: a violation's field is the
         * argument's name followed by what the domain named within it ({@code [2]} of a tag, {@code .date} of a
         * due), or, when the domain named a whole field, just the argument's name.
         */
        <T> @Nullable T read(String argument, @Nullable Object value, Function<Object, T> reader) {
            if (value == null) {
                add(argument, "is required");
                return null;
            }
            try {
                return reader.apply(value);
            } catch (ValidationException e) {
                for (Violation v : e.violations()) {
                    String field = v.field();
                    boolean within = field.startsWith("[") || field.startsWith(".");
                    add(argument + (within ? field : ""), v.message());
                }
                return null;
            }
        }

        void add(String argument, String message) {
            violations.add(new Violation(prefix + argument, message));
        }

        /** The domain's own violations, each named by the domain (a rule across arguments). */
        void addAll(ValidationException e) {
            e.violations().forEach(v -> violations.add(new Violation(prefix + v.field(), v.message())));
        }

        ValidationException failure() {
            return new ValidationException(violations);
        }

        void throwIfAny() {
            if (!violations.isEmpty()) {
                throw failure();
            }
        }
    }
}
