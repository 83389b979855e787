package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PriorityTest {

    @Test
    void prioritiesAreOrderedNoneLowMediumHighByRank() {
        assertThat(Priority.values()).containsExactly(Priority.NONE, Priority.LOW, Priority.MEDIUM, Priority.HIGH);
        assertThat(Arrays.stream(Priority.values()).mapToInt(Priority::rank)).containsExactly(0, 1, 2, 3);
        for (Priority priority : Priority.values()) {
            assertThat(Priority.ofRank(priority.rank())).isEqualTo(priority);
        }
    }

    @Test
    void wireNamesReadBack() {
        assertThat(Arrays.stream(Priority.values()).map(Priority::wireName))
                .containsExactly("none", "low", "medium", "high");
        for (Priority priority : Priority.values()) {
            assertThat(Priority.parse(priority.wireName())).isEqualTo(priority);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"High", "HIGH", " high", "urgent", "", "3", "p1"})
    void otherNamesAreRefusedNamingTheField(String name) {
        assertThatThrownBy(() -> Priority.parse(name)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).containsExactly(
                        new Violation("priority", "must be one of none, low, medium, high")));
        assertThatThrownBy(() -> Priority.parse(name, "priority[1]")).isInstanceOfSatisfying(
                ValidationException.class,
                e -> assertThat(e.violations()).extracting(Violation::field).containsExactly("priority[1]"));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4, Integer.MAX_VALUE})
    void otherRanksAreNotPriorities(int rank) {
        assertThatThrownBy(() -> Priority.ofRank(rank)).isInstanceOf(IllegalArgumentException.class);
    }
}
