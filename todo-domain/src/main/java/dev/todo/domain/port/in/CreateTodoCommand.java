package dev.todo.domain.port.in;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.Nullable;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.model.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Create a todo for a tenant.
 * @param plan its due, priority, tags and recurrence ({@link Todo.Plan#NONE} for none)
 * @param parent the top-level todo it is a subtask of, or null
 */
public record CreateTodoCommand(TenantId tenant, Title title, @Nullable Description description, Todo.Plan plan,
                                @Nullable TodoId parent) {

    /**
     * Checks that the required members are there.
     * @throws NullPointerException if {@code tenant}, {@code title} or {@code plan} is null
     */
    public CreateTodoCommand {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(plan, "plan");
    }

    /** A top-level todo. */
    public CreateTodoCommand(TenantId tenant, Title title, @Nullable Description description, Todo.Plan plan) {
        this(tenant, title, description, plan, null);
    }

    /** A todo without a plan. */
    public CreateTodoCommand(TenantId tenant, Title title, @Nullable Description description) {
        this(tenant, title, description, Todo.Plan.NONE);
    }

    /**
     * Builds the command from raw text, checking every field before it fails.
     * @throws ValidationException listing every field that breaks a rule
     */
    public static CreateTodoCommand of(TenantId tenant, String title, @Nullable String description) {
        List<Violation> violations = new ArrayList<>();
        Title validTitle = null;
        Description validDescription = null;
        try {
            validTitle = Title.of(title);
        } catch (ValidationException e) {
            violations.addAll(e.violations());
        }
        try {
            validDescription = Description.ofNullable(description);
        } catch (ValidationException e) {
            violations.addAll(e.violations());
        }
        // validTitle is null only when the title broke a rule, which is then among the violations.
        if (validTitle == null || !violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return new CreateTodoCommand(tenant, validTitle, validDescription);
    }
}
