package dev.todo.domain.model;

import java.util.Optional;
import java.util.function.IntPredicate;

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
        return allMatch(value, cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp));
    }

    /** True when every code point is white space or {@linkplain #isInvisible invisible}: nothing would be seen. */
    static boolean isBlankOrInvisible(String value) {
        return allMatch(value, cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp) || isInvisible(cp));
    }

    // A loop, not codePoints().allMatch(...): every todo read back is checked again, and streams allocate.
    private static boolean allMatch(String value, IntPredicate test) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!test.test(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * A code point that shows nothing: a control or format character (zero-width spaces and joiners U+200B–U+200D, word
     * joiner U+2060, byte order mark U+FEFF, soft hyphen, bidirectional marks, tags), and the other default ignorable
     * code points of Unicode (variation selectors, the combining grapheme joiner, Mongolian free variation selectors,
     * Khmer inherent vowels), plus the letters and symbols drawn as nothing: the Hangul fillers U+115F, U+1160, U+3164
     * and U+FFA0 and the blank Braille pattern U+2800.
     */
    static boolean isInvisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT
                || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x17B4 || cp == 0x17B5
                || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x2800
                || cp == 0x3164 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8)
                || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }

    /**
     * Whether the text holds a control character (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) that is not
     * allowed.
     */
    static boolean hasControlCharacter(String value, boolean allowLineBreaksAndTabs) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 || (c >= 0x7F && c <= 0x9F))
                    && !(allowLineBreaksAndTabs && (c == '\t' || c == '\n' || c == '\r'))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Text that cannot be stored as it was sent: a NUL character (PostgreSQL text cannot hold it) or a lone UTF-16
     * surrogate (not a Unicode character; it would be replaced on the way to the database).
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
