package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TitleTest {

    @ParameterizedTest
    @ValueSource(strings = {"x", "Buy milk", "  padded  ", "Überprüfen 📝", "買い物", "a b", " \u3000📝", "\u00A0 .",
        "e\u0301", "👩\u200D💻", "a\u200Bb", "\u2800x", "\u3164ㅎ"})
    void keepsTheTextExactlyAsGiven(String raw) {
        assertThat(Title.of(raw).value()).isEqualTo(raw);
    }

    @Test
    void acceptsExactly255Characters() {
        assertThat(Title.of("t".repeat(255)).value()).hasSize(255);
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "😀".repeat(255); // 510 UTF-16 units, 255 characters
        assertThat(Title.of(emoji).value()).isEqualTo(emoji);
        assertRejected("😀".repeat(256), "must be at most 255 characters");
    }

    @Test
    void rejects256Characters() {
        assertRejected("t".repeat(256), "must be at most 255 characters");
    }

    @Test
    void rejectsNull() {
        assertRejected(null, "is required");
    }

    @Test
    void rejectsEmpty() {
        assertRejected("", "must not be empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "   ", "\t", "\n", " \r\n ", "\u00A0", "\u2003", "\u3000"})
    void rejectsBlank(String raw) {
        assertRejected(raw, "must not be blank");
    }

    @Test
    void rejectsNulCharacters() {
        assertRejected("a\u0000b", "must not contain NUL characters");
    }

    /** A title is one line of text: tab, line breaks and the other C0 and C1 controls are refused. */
    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "line\nbreak", "a\rb", "\u00A0\t.", "bell\u0007", "esc\u001b[31m", "del\u007f",
        "c1\u0085", "c1\u009b"})
    void rejectsControlCharacters(String raw) {
        assertRejected(raw, "must not contain control characters");
    }

    /** Text that shows nothing is blank: zero-width and other default-ignorable characters, fillers, Braille blank. */
    @ParameterizedTest
    @ValueSource(strings = {"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u3164", "\u2800", "\u115F", "\u1160",
        "\uFFA0", "\u00AD", "\u034F", "\u180E", "\uFE0F", "\u200E\u200F", "\u2064", " \u200B \u3164\t", "\uDB40\uDC20",
        "\u17B4", "\u061C"})
    void rejectsTextOfInvisibleCharactersAsBlank(String raw) {
        assertRejected(raw, "must not be blank");
    }

    /** Titles stored before these rules still load, so that nobody's todos become unreadable. */
    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "line\nbreak", "\u200B", "\u3164"})
    void storedTitlesAreHeldOnlyToTheRulesTheyWereWrittenUnder(String raw) {
        assertThat(Title.stored(raw).value()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD800", "a\uDC00b", "\uDBFF"})
    void rejectsLoneSurrogates(String raw) {
        assertRejected(raw, "must be valid Unicode text (it contains a lone surrogate)");
    }

    private static void assertRejected(String raw, String message) {
        assertThatThrownBy(() -> Title.of(raw))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("title", message)));
    }
}
