package dev.todo.domain.model;

/**
 * The description of a todo: at most {@value #MAX_LENGTH} Unicode characters. An empty description is a
 * description (it stays an empty string); a todo without one holds no {@code Description} at all.
 *
 * @param value the description text
 */
public record Description(String value) {

    /** The longest description, in Unicode code points (characters). */
    public static final int MAX_LENGTH = 2000;

    /** The field name that violations of this rule carry. */
    public static final String FIELD = "description";

    /**
     * Checks the text against the rules above.
     *
     * @throws ValidationException if the text breaks a rule
     */
    public Description {
        if (value == null) {
            throw ValidationException.of(FIELD, "must not be null here; a todo without a description holds none");
        }
        var unstorable = Text.unstorable(value);
        if (unstorable.isPresent()) {
            throw ValidationException.of(FIELD, unstorable.get());
        }
        if (Text.length(value) > MAX_LENGTH) {
            throw ValidationException.of(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
    }

    /**
     * Makes a description from text that may be absent.
     *
     * @param value the description text, or null for none
     * @return the description, or null when {@code value} is null
     * @throws ValidationException if the text breaks a rule
     */
    public static @Nullable Description ofNullable(@Nullable String value) {
        return value == null ? null : new Description(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
