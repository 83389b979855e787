package dev.todo.rest.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The turns of unpaged lists (ADR 0028), without timing: a bound of one turn, held, and no waiting. */
class LargeListsTest {

    @Test
    void pastTheTurnsAListIsRefusedWith503ListBusyUntilOneIsGivenBack() {
        LargeLists lists = new LargeLists(2, Duration.ZERO);
        LargeLists.Turn first = lists.take();
        try (LargeLists.Turn second = lists.take()) {
            assertThat(lists.available()).isZero();
            assertThatThrownBy(lists::take).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.status().getCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
                assertThat(e.code()).isEqualTo(ErrorCode.LIST_BUSY);
                assertThat(e.headers()).isEqualTo(Map.of("Retry-After", "1"));
            });
        }
        assertThat(lists.available()).isEqualTo(1);
        first.close();
        first.close();
        assertThat(lists.available()).as("a turn closed twice is given back once").isEqualTo(2);
        try (LargeLists.Turn again = lists.take()) {
            assertThat(lists.available()).isEqualTo(1);
        }
        assertThat(lists.available()).isEqualTo(2);
    }

    @Test
    void aBoundBelowOneOrANegativeWaitIsRefused() {
        assertThatThrownBy(() -> new LargeLists(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LargeLists(1, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
