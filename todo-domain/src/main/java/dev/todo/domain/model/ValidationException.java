package dev.todo.domain.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input broke one or more rules of the model. It carries every violation found, not only the first, so that a caller
 * can fix everything at once.
 */
public final class ValidationException extends DomainException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /**
     * Makes the exception for one or more broken rules.
     * @throws IllegalArgumentException if {@code violations} is empty
     */
    public ValidationException(List<Violation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** A validation error with a single violation. */
    public static ValidationException of(String field, String message) {
        return new ValidationException(List.of(new Violation(field, message)));
    }

    /** {@return every violation, in the order they were found; never empty} */
    public List<Violation> violations() {
        return violations;
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
    }
}
