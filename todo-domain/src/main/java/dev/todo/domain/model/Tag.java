package dev.todo.domain.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A label a todo carries: 1 to {@value #MAX_LENGTH} characters with no white space around them and no control
 * characters. Tags are matched ignoring case ({@link #key()}); a tag keeps the spelling it was given.
 */
public record Tag(String name) {

    /** The longest tag, in Unicode code points (characters), after trimming. */
    public static final int MAX_LENGTH = 64;

    /**
     * Checks the name against the rules above (a stored tag's name is already trimmed).
     * @throws ValidationException naming {@code tag} if it breaks one
     */
    public Tag {
        Objects.requireNonNull(name, "name");
        String problem = problem(name);
        if (problem != null) {
            throw ValidationException.of("tag", problem);
        }
    }

    /**
     * A tag from a client's text, trimmed of white space around it.
     * @throws ValidationException naming {@code field} if the trimmed text breaks a rule
     */
    public static Tag of(@Nullable String text, String field) {
        if (text == null) {
            throw ValidationException.of(field, "must be a string");
        }
        String name = trim(text);
        String problem = problem(name);
        if (problem != null) {
            throw ValidationException.of(field, problem);
        }
        return new Tag(name);
    }

    /** The text without white space or other Unicode spaces (a no-break space too) at either end. */
    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    private static @Nullable String problem(String name) {
        var unstorable = Text.unstorable(name);
        if (unstorable.isPresent()) {
            return unstorable.get();
        }
        if (name.isEmpty() || Text.isBlankOrInvisible(name)) {
            return "must not be blank";
        }
        if (!name.equals(trim(name))) {
            return "must not start or end with white space";
        }
        if (Text.hasControlCharacter(name, false)) {
            return "must not contain control characters";
        }
        if (Text.length(name) > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        return null;
    }

    /**
     * {@return the form tags are compared in: two tags are the same tag when their keys are equal} Upper case, then
     * lower case, in the root locale, so that {@code Straße} and {@code STRASSE} are one tag.
     */
    public String key() {
        return key(name);
    }

    /** The {@linkplain #key() key} of a tag name. */
    public static String key(String name) {
        return name.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** {@return true if the other tag is the same tag, ignoring case} */
    public boolean sameAs(Tag other) {
        return key().equals(other.key());
    }

    @Override
    public String toString() {
        return name;
    }
}
