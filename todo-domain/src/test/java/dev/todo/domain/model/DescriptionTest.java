package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DescriptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Two litres, semi-skimmed", "Zeile 1\nZeile 2 ✓"})
    void keepsTheTextExactlyAsGivenEvenEmptyOrBlank(String raw) {
        assertThat(Description.ofNullable(raw).value()).isEqualTo(raw);
    }

    @Test
    void nullMeansNoDescription() {
        assertThat(Description.ofNullable(null)).isNull();
    }

    @Test
    void acceptsExactly2000Characters() {
        assertThat(Description.ofNullable("d".repeat(2000)).value()).hasSize(2000);
        assertThat(Description.ofNullable("🙂".repeat(2000)).value()).hasSize(4000);
    }

    @Test
    void rejects2001Characters() {
        assertRejected("d".repeat(2001), "must be at most 2000 characters");
        assertRejected("🙂".repeat(2001), "must be at most 2000 characters");
    }

    @Test
    void rejectsUnstorableText() {
        assertRejected("a\u0000", "must not contain NUL characters");
        assertRejected("\uDC00", "must be valid Unicode text (it contains a lone surrogate)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\there", "Zeile 1\r\nZeile 2", "\n", "\t"})
    void keepsTabsAndLineBreaks(String raw) {
        assertThat(Description.ofNullable(raw).value()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bell\u0007", "esc\u001b[2J", "\u000b", "\u000c", "del\u007f", "c1\u0085", "\u009b31m"})
    void rejectsOtherControlCharacters(String raw) {
        assertRejected(raw, "must not contain control characters other than tab, line feed and carriage return");
        assertThatThrownBy(() -> Description.of(raw)).isInstanceOf(ValidationException.class);
    }

    @Test
    void storedDescriptionsAreHeldOnlyToTheRulesTheyWereWrittenUnder() {
        assertThat(Description.storedNullable("bell\u0007").value()).isEqualTo("bell\u0007");
        assertThat(Description.storedNullable(null)).isNull();
    }

    @Test
    void theConstructorRefusesNull() {
        assertThatThrownBy(() -> new Description(null)).isInstanceOf(ValidationException.class);
    }

    private static void assertRejected(String raw, String message) {
        assertThatThrownBy(() -> Description.ofNullable(raw))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("description", message)));
    }
}
