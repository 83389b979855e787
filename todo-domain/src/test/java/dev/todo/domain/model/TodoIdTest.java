package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TodoIdTest {

    @Test
    void parsesTheCanonicalForm() {
        String text = "123e4567-e89b-12d3-a456-426614174000";
        assertThat(TodoId.parse(text).value()).isEqualTo(UUID.fromString(text));
        assertThat(TodoId.parse(text)).hasToString(text);
    }

    @Test
    void acceptsUpperCaseAndPrintsLowerCase() {
        assertThat(TodoId.parse("123E4567-E89B-12D3-A456-426614174000"))
                .hasToString("123e4567-e89b-12d3-a456-426614174000");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1-1-1-1-1", "not-a-uuid", "123e4567e89b12d3a456426614174000",
        "123e4567-e89b-12d3-a456-42661417400", "123e4567-e89b-12d3-a456-4266141740000",
        "+23e4567-e89b-12d3-a456-426614174000", "-23e4567-e89b-12d3-a456-426614174000",
        "123e4567-+89b-12d3-a456-426614174000", "123e4567-e89b-12d3-a456-42661417400g",
        "123e4567_e89b_12d3_a456_426614174000", "１23e4567-e89b-12d3-a456-426614174000"})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> TodoId.parse(text))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("id", "must be a UUID")));
    }

    @Test
    void ordersUnsignedLikeTheTextAndPostgresql() {
        TodoId low = TodoId.parse("00000000-0000-4000-8000-000000000000");
        TodoId high = TodoId.parse("ffffffff-0000-4000-8000-000000000000");
        TodoId lowTail = TodoId.parse("00000000-0000-4000-0000-000000000000");
        TodoId highTail = TodoId.parse("00000000-0000-4000-ffff-000000000000");
        assertThat(low.value().compareTo(high.value())).isPositive(); // the JDK's signed order, for contrast
        assertThat(low).isLessThan(high);
        assertThat(lowTail).isLessThan(highTail);
        assertThat(low.compareTo(TodoId.parse(low.toString()))).isZero();
    }

    @Test
    void randomIdsDiffer() {
        assertThat(TodoId.random()).isNotEqualTo(TodoId.random());
    }
}
