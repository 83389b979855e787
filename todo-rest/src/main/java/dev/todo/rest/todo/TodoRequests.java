package dev.todo.rest.todo;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ProblemException;
import dev.todo.rest.todo.JsonObjectBody.Flag;
import dev.todo.rest.todo.JsonObjectBody.Null;
import dev.todo.rest.todo.JsonObjectBody.Text;
import dev.todo.rest.todo.JsonObjectBody.Value;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps request bodies and path parameters to the domain's commands. Every bad field is collected before failing, so
 * that one 422 lists them all; the value rules themselves (length, blankness) are the domain's.
 */
final class TodoRequests {

    /** The title rules of todo-domain beyond length and blankness, for the OpenAPI document. */
    static final String TITLE_RULES = "Not blank once white space and invisible characters (zero-width spaces, the "
            + "word joiner, the byte order mark, Hangul fillers, the blank Braille pattern, other default ignorables) "
            + "are left out, and no control character (no tab or line break): else 422 on title.";

    /** The description rules of todo-domain beyond length, for the OpenAPI document. */
    static final String DESCRIPTION_RULES = "No control character but tab, line feed and carriage return: else 422 "
            + "on description.";

    static final String TITLE = "title";
    static final String DESCRIPTION = "description";
    static final String COMPLETED = "is_completed";
    /**
     * JSON Merge Patch (RFC 7396), which a PATCH body is: the document names it beside application/json. Any
     * application/*+json type is accepted, as JsonObjectBody reads it.
     */
    static final String MERGE_PATCH = "application/merge-patch+json";

    private static final List<String> CREATE_MEMBERS = List.of(TITLE, DESCRIPTION);
    private static final List<String> PATCH_MEMBERS = List.of(TITLE, DESCRIPTION, COMPLETED);

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

    static CreateTodoCommand create(TenantId tenant, JsonObjectBody body) {
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
        errors.addAll(body.unexpectedMembers(CREATE_MEMBERS));
        // title is null only when its error is among the errors.
        if (title == null || !errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new CreateTodoCommand(tenant, title, description);
    }

    static TodoChanges changes(JsonObjectBody body) {
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
        errors.addAll(body.unexpectedMembers(PATCH_MEMBERS));
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return changes;
    }

    /** The body of a full replace (PUT): every member must be there; description may be null. */
    static TodoChanges replacement(JsonObjectBody body) {
        List<FieldError> errors = new ArrayList<>();
        for (String required : PATCH_MEMBERS) {
            if (body.get(required).isEmpty()) {
                errors.add(new FieldError(required, "is required"));
            }
        }
        try {
            TodoChanges changes = changes(body);
            if (errors.isEmpty()) {
                return changes;
            }
        } catch (ProblemException invalid) {
            errors.addAll(invalid.fieldErrors());
        }
        throw ProblemException.invalid(errors);
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
}
