package dev.todo.domain.model;

/**
 * The title of a todo: 1 to {@value #MAX_LENGTH} Unicode characters, not blank. It is kept exactly as given (no
 * trimming), so that what a client sends is what it reads back.
 */
public record Title(String value) {

    /** The longest title, in Unicode code points (characters). */
    public static final int MAX_LENGTH = 255;

    /** The field name that violations of this rule carry. */
    public static final String FIELD = "title";

    /**
     * Checks the text against the rules above.
     * @throws ValidationException if the text breaks a rule
     */
    public Title {
        if (value == null) {
            throw ValidationException.of(FIELD, "is required");
        }
        if (value.isEmpty()) {
            throw ValidationException.of(FIELD, "must not be empty");
        }
        var unstorable = Text.unstorable(value);
        if (unstorable.isPresent()) {
            throw ValidationException.of(FIELD, unstorable.get());
        }
        if (Text.isBlank(value)) {
            throw ValidationException.of(FIELD, "must not be blank");
        }
        if (Text.length(value) > MAX_LENGTH) {
            throw ValidationException.of(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
    }

    /**
     * Makes a new title from text: every adapter's way to turn input into a title.
     * @throws ValidationException if the text breaks a rule, those of a new title included
     */
    public static Title of(String value) {
        Title title = new Title(value);
        if (Text.isBlankOrInvisible(value)) {
            throw ValidationException.of(FIELD, "must not be blank");
        }
        if (Text.hasControlCharacter(value, false)) {
            throw ValidationException.of(FIELD, "must not contain control characters");
        }
        return title;
    }

    /**
     * A title read back from storage, which may predate the rules of {@link #of} that only new titles must follow.
     * @throws ValidationException if the text breaks a rule every title always had to follow
     */
    public static Title stored(String value) {
        return new Title(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
