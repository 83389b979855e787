package dev.todo.domain.model;

import java.util.Optional;

/** Rules shared by the text values of the model. */
final class Text {

    private Text() {
    }

    /** The length as PostgreSQL's {@code varchar(n)} and most languages count it: in Unicode code points. */
    static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** True when every code point is white space, including no-break and other Unicode spaces. */
    static boolean isBlank(String value) {
        // A loop, not codePoints().allMatch(...): every todo read back from the database is checked again, and the
        // stream's objects were a twentieth of what a list of 1,000 todos allocated.
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * Text that cannot be stored as it was sent: a NUL character (PostgreSQL text cannot hold it) or a lone UTF-16
     * surrogate (not a Unicode character; it would be replaced on the way to the database).
     *
     * @return the problem, or empty when the text can be stored as it is
     */
    static Optional<String> unstorable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return Optional.of("must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must be valid Unicode text (it contains a lone surrogate)");
            }
        }
        return Optional.empty();
    }
}
