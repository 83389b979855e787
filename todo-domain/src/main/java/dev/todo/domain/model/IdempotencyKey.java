package dev.todo.domain.model;

/**
 * A client's name for one attempt to do something, sent again with every retry of it, so that the attempt takes effect
 * at most once: 1 to {@value #MAX_LENGTH} visible ASCII characters (a UUID is typical). Keys are scoped to their
 * tenant.
 */
public record IdempotencyKey(String value) {

    /** The longest key. */
    public static final int MAX_LENGTH = 255;

    /** The field name that violations of this rule carry. */
    public static final String FIELD = "Idempotency-Key";

    public IdempotencyKey {
        if (value == null || value.isEmpty()) {
            throw ValidationException.of(FIELD, "must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw ValidationException.of(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!value.chars().allMatch(c -> c >= 0x21 && c <= 0x7E)) {
            throw ValidationException.of(FIELD, "may only contain visible ASCII characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
