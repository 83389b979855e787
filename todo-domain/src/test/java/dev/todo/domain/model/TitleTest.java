package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TitleTest {

    @ParameterizedTest
    @ValueSource(strings = {"x", "Buy milk", "  padded  ", "Überprüfen 📝", "買い物", "a\tb", " \u3000📝", "\u00A0\t."})
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
