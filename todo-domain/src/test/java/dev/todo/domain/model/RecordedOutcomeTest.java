package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.port.out.RecordedOutcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordedOutcomeTest {

    @Test
    void aFingerprintFitsTheLengthEveryAdapterKeeps() {
        String sha256Hex = "a".repeat(RecordedOutcome.MAX_FINGERPRINT_LENGTH);
        assertThat(new RecordedOutcome(sha256Hex, new byte[0], Instant.EPOCH).fingerprint()).isEqualTo(sha256Hex);
        assertThatThrownBy(() -> new RecordedOutcome(sha256Hex + "a", new byte[0], Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
    }

    @Test
    void theOutcomeIsCopiedInAndOut() {
        byte[] bytes = {1, 2};
        RecordedOutcome outcome = new RecordedOutcome("fp", bytes, Instant.EPOCH);
        bytes[0] = 9;
        outcome.outcome()[1] = 9;
        assertThat(outcome.outcome()).containsExactly(1, 2);
    }
}
