package dev.todo.domain.model;

/**
 * The description of a todo: at most {@value #MAX_LENGTH} Unicode characters. An empty description is a description (it
 * stays an empty string); a todo without one holds no {@code Description} at all.
 */
public record Description(String value) {

    /** The longest description, in Unicode code points (characters). */
    public static final int MAX_LENGTH = 2000;

    /** The field name that violations of this rule carry. */
    public static final String FIELD = "description";

    /**
     * Checks the text against the rules above.
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
     * Makes a new description from text that may be absent (see {@link #of}).
     * @throws ValidationException if the text breaks a rule
     */
    public static @Nullable Description ofNullable(@Nullable String value) {
        return value == null ? null : of(value);
    }

    /**
     * Makes a new description from text: every adapter's way to turn input into a description.
     * @throws ValidationException if the text breaks a rule, those of a new description included
     */
    public static Description of(String value) {
        Description description = new Description(value);
        if (Text.hasControlCharacter(value, true)) {
            throw ValidationException.of(FIELD, "must not contain control characters other than tab, line feed and "
                    + "carriage return");
        }
        return description;
    }

    /**
     * A description read back from storage, which may predate the rules of {@link #ofNullable} that only new
     * descriptions must follow.
     * @throws ValidationException if the text breaks a rule every description always had to follow
     */
    public static @Nullable Description storedNullable(@Nullable String value) {
        return value == null ? null : new Description(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
