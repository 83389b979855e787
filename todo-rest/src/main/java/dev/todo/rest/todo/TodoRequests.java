package dev.todo.rest.todo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.MoveTodoCommand;
import dev.todo.domain.service.TodoService;
import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reads request bodies (one JSON object, streamed; ADR 0007) and path ids into the domain's commands. Every bad field
 * is collected before failing, so that one 422 lists them all; the value rules themselves are the domain's.
 */
final class TodoRequests {

    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String COMPLETED = "is_completed";
    /** The member of a tag rename's body. */
    static final String NAME = "name";
    /** The member naming a todo's parent (in a create's body and a move's). */
    static final String PARENT = TodoService.PARENT;
    /** The member of a move's body naming the todo the moved one goes after. */
    static final String AFTER = TodoService.AFTER;
    /** The read-only member naming the todo a recurring todo's completion created. */
    static final String NEXT_OCCURRENCE = "next_occurrence_id";

    private static final List<String> CREATE_MEMBERS =
            List.of(TITLE, DESCRIPTION, Due.FIELD, Priority.FIELD, Tags.FIELD, Recurrence.FIELD, PARENT);
    private static final List<String> PATCH_MEMBERS =
            List.of(TITLE, DESCRIPTION, COMPLETED, Due.FIELD, Priority.FIELD, Tags.FIELD, Recurrence.FIELD);
    private static final List<String> MOVE_MEMBERS = List.of(AFTER, PARENT);
    /**
     * Why a todo's body may not hold a member that a todo shows but a write does not take: refused as unknown, as
     * {@code id} or {@code created_at} are, with what to do instead (a write that could not change them must not
     * seem to).
     */
    private static final Map<String, String> READ_ONLY = Map.of(
            OrderKey.FIELD, "is not a known member: a todo's position changes only through its move route "
                    + "(POST …/{id}/move)",
            PARENT, "is not a known member: a todo's parent_id changes only through its move route "
                    + "(POST …/{id}/move)",
            NEXT_OCCURRENCE, "is not a known member: the completion of a recurring todo sets it");
    /** The members a PUT must send: the plan's may be left out, meaning no due, no priority, no tags. */
    private static final List<String> REPLACE_REQUIRED = List.of(TITLE, DESCRIPTION, COMPLETED);
    private static final List<String> DUE_MEMBERS = List.of("date", "time", "time_zone");

    private TodoRequests() {
    }

    /**
     * The todo id it names.
     *
     * @throws ProblemException 400 when it is not a UUID
     */
    static TodoId id(String text) {
        try {
            return TodoId.parse(text);
        } catch (ValidationException e) {
            throw ProblemException.badRequest("The todo id in the path is not a UUID.", "id", "must be a UUID");
        }
    }

    /** The command a create's body asks for; 415, 400 or 422 when the body is not such a JSON object. */
    static CreateTodoCommand create(TenantId tenant, HttpRequest<?> request, @Nullable byte[] bytes) {
        Body body = Body.read(request, bytes);
        List<FieldError> errors = new ArrayList<>();
        Title title = null;
        if (body.get(TITLE).isEmpty()) {
            errors.add(new FieldError(TITLE, "is required"));
        } else {
            title = convert(errors, TITLE, body.get(TITLE).get(), Title::of, false);
        }
        Description description = body.get(DESCRIPTION)
                .map(value -> convert(errors, DESCRIPTION, value, Description::of, true))
                .orElse(null);
        TodoChanges plan = plan(body, errors, TodoChanges.none(), true);
        TodoId parent = body.get(PARENT).map(value -> convert(errors, PARENT, value, TodoId::parse, true))
                .orElse(null);
        errors.addAll(body.unexpectedMembers(CREATE_MEMBERS, READ_ONLY));
        // title is null only when its error is among the errors.
        if (title == null || !errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new CreateTodoCommand(tenant, title, description, new Todo.Plan(plan.due().orElse(null),
                plan.priority().orElse(Priority.NONE), plan.tags().orElse(Tags.NONE),
                plan.recurrence().orElse(null)), parent);
    }

    /**
     * The command a move's body asks for: {@code after} (required: a todo's id, or null for first) and, optionally,
     * {@code parent_id} (a todo's id, or null for top level; left out, the parent stays).
     */
    static MoveTodoCommand move(TenantId tenant, TodoId id, OptionalLong expectedVersion, HttpRequest<?> request,
                                @Nullable byte[] bytes) {
        Body body = Body.read(request, bytes);
        List<FieldError> errors = new ArrayList<>();
        Optional<Value> afterValue = body.get(AFTER);
        if (afterValue.isEmpty()) {
            errors.add(new FieldError(AFTER, "is required"));
        }
        TodoId after = afterValue.map(value -> convert(errors, AFTER, value, TodoId::parse, true)).orElse(null);
        Optional<Value> parentValue = body.get(PARENT);
        TodoId parent = parentValue.map(value -> convert(errors, PARENT, value, TodoId::parse, true)).orElse(null);
        errors.addAll(body.unexpectedMembers(MOVE_MEMBERS, Map.of()));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return parentValue.isPresent() ? MoveTodoCommand.under(tenant, id, parent, after, expectedVersion)
                : MoveTodoCommand.after(tenant, id, after, expectedVersion);
    }

    /** The new name a tag rename's body asks for: exactly one member, {@code name}, a valid tag. */
    static Tag tagName(HttpRequest<?> request, @Nullable byte[] bytes) {
        Body body = Body.read(request, bytes);
        List<FieldError> errors = new ArrayList<>();
        Tag name = null;
        if (body.get(NAME).isEmpty()) {
            errors.add(new FieldError(NAME, "is required"));
        } else {
            name = convert(errors, NAME, body.get(NAME).get(), text -> Tag.of(text, NAME), false);
        }
        errors.addAll(body.unexpectedMembers(List.of(NAME), Map.of()));
        // name is null only when its error is among the errors.
        if (name == null || !errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return name;
    }

    /** The changes a PATCH body asks for (JSON Merge Patch). */
    static TodoChanges changes(HttpRequest<?> request, @Nullable byte[] bytes) {
        return changes(Body.read(request, bytes), false);
    }

    /** The changes a PUT body asks for: every member must be there; description may be null. */
    static TodoChanges replacement(HttpRequest<?> request, @Nullable byte[] bytes) {
        return replacement(Body.read(request, bytes));
    }

    /**
     * The changes a body asks for; {@code replacing} (a PUT) when the plan's members left out mean none, so that a
     * recurrence without a due in the body is refused with the body's other errors.
     */
    private static TodoChanges changes(Body body, boolean replacing) {
        List<FieldError> errors = new ArrayList<>();
        TodoChanges changes = TodoChanges.none();
        Optional<Value> title = body.get(TITLE);
        if (title.isPresent()) {
            Title converted = convert(errors, TITLE, title.get(), Title::of, false);
            if (converted != null) {
                changes = changes.title(converted);
            }
        }
        Optional<Value> description = body.get(DESCRIPTION);
        if (description.isPresent()) {
            int before = errors.size();
            Description converted = convert(errors, DESCRIPTION, description.get(), Description::of, true);
            if (errors.size() == before) {
                changes = changes.description(converted);
            }
        }
        Optional<Value> completed = body.get(COMPLETED);
        if (completed.isPresent()) {
            if (completed.get() instanceof Flag flag) {
                changes = changes.completed(flag.value());
            } else {
                errors.add(new FieldError(COMPLETED, completed.get() instanceof Null
                        ? "must not be null" : "must be a boolean"));
            }
        }
        changes = plan(body, errors, changes, replacing);
        errors.addAll(body.unexpectedMembers(PATCH_MEMBERS, READ_ONLY));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return changes;
    }

    private static TodoChanges replacement(Body body) {
        List<FieldError> errors = new ArrayList<>();
        for (String required : REPLACE_REQUIRED) {
            if (body.get(required).isEmpty()) {
                errors.add(new FieldError(required, "is required"));
            }
        }
        try {
            TodoChanges changes = changes(body, true);
            if (errors.isEmpty()) {
                return withDefaultPlan(changes);
            }
        } catch (ProblemException invalid) {
            errors.addAll(invalid.fieldErrors());
        }
        throw ProblemException.invalid(errors);
    }

    /**
     * The changes with the plan's members a PUT left out set to their defaults: no due, no priority, no tags, no
     * recurrence.
     */
    private static TodoChanges withDefaultPlan(TodoChanges changes) {
        TodoChanges result = changes.changesDue() ? changes : changes.due(null);
        result = changes.priority().isPresent() ? result : result.priority(Priority.NONE);
        result = changes.changesRecurrence() ? result : result.recurrence(null);
        return changes.tags().isPresent() ? result : result.tags(Tags.NONE);
    }

    /**
     * Adds the plan's members the body sent to {@code changes}: {@code due}, {@code priority}, {@code tags} and
     * {@code recurrence}, each {@code null} meaning none (no due, {@code none}, no tags, no recurrence); what is wrong
     * is recorded in {@code errors}. A recurrence needs a due: when the body sends one with a due that is null, or
     * {@code whole} (a create's or a PUT's body) and without a due, that is recorded too; a PATCH that sends a
     * recurrence and no due is checked against the todo's own due by the domain.
     */
    private static TodoChanges plan(Body body, List<FieldError> errors, TodoChanges changes, boolean whole) {
        TodoChanges result = changes;
        Optional<Value> due = body.get(Due.FIELD);
        boolean dueWrong = false;
        if (due.isPresent()) {
            int before = errors.size();
            Due converted = due(errors, due.get());
            if (errors.size() == before) {
                result = result.due(converted);
            } else {
                dueWrong = true;
            }
        }
        Optional<Value> priority = body.get(Priority.FIELD);
        if (priority.isPresent()) {
            int before = errors.size();
            Priority converted = convert(errors, Priority.FIELD, priority.get(), Priority::parse, true);
            if (errors.size() == before) {
                result = result.priority(converted == null ? Priority.NONE : converted);
            }
        }
        Optional<Value> tags = body.get(Tags.FIELD);
        if (tags.isPresent()) {
            Tags converted = tags(errors, tags.get());
            if (converted != null) {
                result = result.tags(converted);
            }
        }
        Optional<Value> recurrence = body.get(Recurrence.FIELD);
        if (recurrence.isPresent()) {
            int before = errors.size();
            Recurrence converted = convert(errors, Recurrence.FIELD, recurrence.get(), Recurrence::parse, true);
            if (errors.size() == before) {
                result = result.recurrence(converted);
                boolean noDue = result.changesDue() ? result.due().isEmpty() : whole;
                if (converted != null && noDue && !dueWrong) {
                    requireDue(errors, converted);
                }
            }
        }
        return result;
    }

    /** Records the domain's refusal of a recurrence without a due. */
    private static void requireDue(List<FieldError> errors, Recurrence recurrence) {
        try {
            new Todo.Plan(null, Priority.NONE, Tags.NONE, recurrence);
            throw new IllegalStateException("the domain took a recurrence without a due");
        } catch (ValidationException e) {
            e.violations().forEach(v -> errors.add(new FieldError(v.field(), v.message())));
        }
    }

    /**
     * A due from {@code null} or {@code {date, time?, time_zone?}}; null when it is null or wrong, what is wrong
     * recorded: a member of the wrong type or unknown ({@code at} is computed, not sent) names {@code due.<member>}.
     */
    private static @Nullable Due due(List<FieldError> errors, Value value) {
        if (value instanceof Null) {
            return null;
        }
        if (!(value instanceof Members members)) {
            errors.add(new FieldError(Due.FIELD, "must be an object or null"));
            return null;
        }
        List<FieldError> found = new ArrayList<>();
        List<@Nullable String> parts = new ArrayList<>();
        for (String name : DUE_MEMBERS) {
            Value part = members.members().get(name);
            if (part == null || part instanceof Null) {
                parts.add(null);
            } else if (part instanceof Text text) {
                parts.add(text.value());
            } else {
                parts.add(null);
                found.add(new FieldError(Due.FIELD + "." + name, "must be a string"));
            }
        }
        List<FieldError> unexpected = members.unexpected(DUE_MEMBERS, Due.FIELD + ".");
        try {
            Due due = Due.parse(parts.get(0), parts.get(1), parts.get(2));
            if (found.isEmpty() && unexpected.isEmpty()) {
                return due;
            }
        } catch (ValidationException e) {
            // A part of the wrong type is reported as such, not again as missing.
            e.violations().stream().filter(v -> found.stream().noneMatch(f -> f.field().equals(v.field())))
                    .forEach(v -> found.add(new FieldError(v.field(), v.message())));
        }
        found.addAll(unexpected);
        errors.addAll(found);
        return null;
    }

    /** Tags from {@code null} (none) or an array of strings; null when wrong, what is wrong recorded. */
    private static @Nullable Tags tags(List<FieldError> errors, Value value) {
        if (value instanceof Null) {
            return Tags.NONE;
        }
        if (!(value instanceof Items items)) {
            errors.add(new FieldError(Tags.FIELD, "must be an array of strings or null"));
            return null;
        }
        // An element that is not a string is passed as null: the domain names it tags[i], "must be a string". Past
        // the most a todo may carry, only the count is refused, so that a body of 60,000 elements is not 60,000 errors.
        List<FieldError> found = new ArrayList<>();
        if (items.items().size() > Tags.MAX_COUNT) {
            found.add(new FieldError(Tags.FIELD, "must hold at most " + Tags.MAX_COUNT + " tags"));
        }
        List<@Nullable String> names = new ArrayList<>(Tags.MAX_COUNT);
        for (Value item : items.items().subList(0, Math.min(items.items().size(), Tags.MAX_COUNT))) {
            names.add(item instanceof Text text ? text.value() : null);
        }
        try {
            Tags tags = Tags.of(names);
            if (found.isEmpty()) {
                return tags;
            }
        } catch (ValidationException e) {
            e.violations().forEach(v -> found.add(new FieldError(v.field(), v.message())));
        }
        errors.addAll(found);
        return null;
    }

    /** Converts a string member with a domain factory, recording what is wrong instead of throwing. */
    private static <T> @Nullable T convert(List<FieldError> errors, String field, Value value,
                                           Function<String, T> factory, boolean nullable) {
        if (value instanceof Null) {
            if (!nullable) {
                errors.add(new FieldError(field, "must not be null"));
            }
            return null;
        }
        if (!(value instanceof Text text)) {
            errors.add(new FieldError(field, nullable ? "must be a string or null" : "must be a string"));
            return null;
        }
        try {
            return factory.apply(text.value());
        } catch (ValidationException e) {
            e.violations().forEach(v -> errors.add(new FieldError(field, v.message())));
            return null;
        }
    }

    /** A member's value, as far as the API cares. */
    sealed interface Value permits Text, Flag, Null, Members, Items, Other {
    }

    /** A JSON string. */
    record Text(String value) implements Value {
    }

    /** A JSON boolean. */
    record Flag(boolean value) implements Value {
    }

    /** JSON {@code null}. */
    record Null() implements Value {
    }

    /**
     * A JSON object at the top level of the body: its members, whose values are never read further than this (an
     * object or an array in it is an {@link Other}), and the names sent more than once.
     */
    record Members(Map<String, Value> members, List<String> repeated) implements Value {

        /** A field error, each named {@code prefix + name}, for every member repeated, then for every unknown one. */
        List<FieldError> unexpected(List<String> known, String prefix) {
            List<FieldError> errors = new ArrayList<>();
            repeated.forEach(name -> errors.add(new FieldError(prefix + Body.shown(name), "appears more than once")));
            for (String name : members.keySet()) {
                if (!known.contains(name)) {
                    errors.add(new FieldError(prefix + Body.shown(name), "is not a known member"));
                }
            }
            return errors;
        }
    }

    /** A JSON array at the top level of the body: its elements (an object or an array in it is an {@link Other}). */
    record Items(List<Value> items) implements Value {
    }

    /** A number, or an object or an array nested in another. */
    record Other(String kind) implements Value {
    }

    /** The body of a write request: one JSON object, read with a streaming parser, its members as they were sent. */
    private static final class Body {

        private static final JsonFactory JSON = JsonFactory.builder().build();
        private static final int MAX_NAME_SHOWN = 100;

        private final Map<String, Value> members;
        private final List<FieldError> duplicates;

        private Body(Map<String, Value> members, List<FieldError> duplicates) {
            this.members = Collections.unmodifiableMap(members);
            this.duplicates = List.copyOf(duplicates);
        }

        /** Reads a request's body: 422 when absent or not an object, 415 when not JSON, 400 when malformed. */
        static Body read(HttpRequest<?> request, @Nullable byte[] body) {
            if (body == null || body.length == 0) {
                throw ProblemException.invalid(List.of(new FieldError("body", "is required")));
            }
            if (!isJson(request)) {
                throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                        "The request body must be application/json.", List.of());
            }
            if (!isUtf8(body)) {
                throw ProblemException.badRequest("The request body is not valid UTF-8.", "body", "is not valid UTF-8");
            }
            try (JsonParser parser = JSON.createParser(body)) {
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_OBJECT) {
                    skipValue(parser, first);
                    requireEnd(parser);
                    throw ProblemException.invalid(List.of(new FieldError("body", "must be a JSON object")));
                }
                Members members = members(parser, true);
                requireEnd(parser);
                return new Body(members.members(), members.repeated().stream()
                        .map(name -> new FieldError(shown(name), "appears more than once")).toList());
            } catch (JsonProcessingException e) {
                throw malformed(e.getLocation());
            } catch (IOException e) {
                throw malformed(null);
            }
        }

        /** The value of a member, if it was sent. */
        Optional<Value> get(String name) {
            return Optional.ofNullable(members.get(name));
        }

        /**
         * A field error for every member sent more than once, then for every member not in {@code known}: its
         * message in {@code readOnly} if it is there, else "is not a known member".
         */
        List<FieldError> unexpectedMembers(List<String> known, Map<String, String> readOnly) {
            List<FieldError> errors = new ArrayList<>(duplicates);
            for (String name : members.keySet()) {
                if (!known.contains(name)) {
                    errors.add(new FieldError(shown(name), readOnly.getOrDefault(name, "is not a known member")));
                }
            }
            return errors;
        }

        /**
         * Whether the bytes are well-formed UTF-8 (RFC 3629), checked before parsing: the JSON parser lets overlong
         * forms (C0 AF for "/"), encoded surrogates and bytes inside skipped values through.
         */
        private static boolean isUtf8(byte[] body) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }

        private static boolean isJson(HttpRequest<?> request) {
            try {
                Optional<MediaType> type = request.getContentType();
                return type.isPresent() && type.get().getType().equalsIgnoreCase("application")
                        && (type.get().getSubtype().equalsIgnoreCase("json")
                        || type.get().getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
            } catch (RuntimeException unparseable) {
                return false;
            }
        }

        /** The members of the object just started, each read one level deep when {@code open}, else none deep. */
        private static Members members(JsonParser parser, boolean open) throws IOException {
            Map<String, Value> members = new LinkedHashMap<>();
            List<String> repeated = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                if (token != JsonToken.FIELD_NAME) {
                    throw malformed(parser.currentLocation());
                }
                String name = parser.currentName();
                Value value = value(parser, parser.nextToken(), open);
                if (members.putIfAbsent(name, value) != null) {
                    repeated.add(name);
                }
            }
            return new Members(members, repeated);
        }

        /** A value; an object or an array is read (one level deep) only when {@code open}, else skipped. */
        private static Value value(JsonParser parser, @Nullable JsonToken token, boolean open) throws IOException {
            if (token == null) {
                throw malformed(parser.currentLocation());
            }
            return switch (token) {
                case VALUE_STRING -> new Text(parser.getText());
                case VALUE_TRUE -> new Flag(true);
                case VALUE_FALSE -> new Flag(false);
                case VALUE_NULL -> new Null();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Other("number");
                case START_OBJECT -> {
                    if (open) {
                        yield members(parser, false);
                    }
                    parser.skipChildren();
                    yield new Other("object");
                }
                case START_ARRAY -> {
                    if (open) {
                        yield items(parser);
                    }
                    parser.skipChildren();
                    yield new Other("array");
                }
                default -> throw malformed(parser.currentLocation());
            };
        }

        private static Items items(JsonParser parser) throws IOException {
            List<Value> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                items.add(value(parser, token, false));
            }
            return new Items(items);
        }

        private static void skipValue(JsonParser parser, JsonToken token) throws IOException {
            if (token == null) {
                throw malformed(parser.currentLocation());
            }
            if (token == JsonToken.START_ARRAY) {
                parser.skipChildren();
            }
        }

        private static void requireEnd(JsonParser parser) throws IOException {
            if (parser.nextToken() != null) {
                throw malformed(parser.currentLocation());
            }
        }

        private static ProblemException malformed(@Nullable JsonLocation location) {
            String where = location == null || location.getLineNr() < 1 ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
            return ProblemException.badRequest("The request body is not valid JSON.", "body",
                    "is not valid JSON" + where);
        }

        static String shown(String name) {
            return name.codePointCount(0, name.length()) <= MAX_NAME_SHOWN ? name
                    : name.substring(0, name.offsetByCodePoints(0, MAX_NAME_SHOWN)) + "…";
        }
    }
}
