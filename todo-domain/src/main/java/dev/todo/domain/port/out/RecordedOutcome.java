package dev.todo.domain.port.out;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** What came of a request made with an idempotency key, kept to answer its retries. */
// An array component on purpose (Error Prone's ArrayRecordComponent): it is copied in and out, and equals, hashCode
// and toString below look at its contents.
@SuppressWarnings("ArrayRecordComponent")
public record RecordedOutcome(String fingerprint, byte[] outcome, Instant expiresAt) {

    /** The longest fingerprint an adapter must keep. */
    public static final int MAX_FINGERPRINT_LENGTH = 64;

    public RecordedOutcome {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (fingerprint.length() > MAX_FINGERPRINT_LENGTH) {
            throw new IllegalArgumentException("fingerprint longer than " + MAX_FINGERPRINT_LENGTH + " characters");
        }
        outcome = Objects.requireNonNull(outcome, "outcome").clone();
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** {@return a copy of the answer} */
    @Override
    public byte[] outcome() {
        return outcome.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedOutcome other && fingerprint.equals(other.fingerprint)
                && Arrays.equals(outcome, other.outcome) && expiresAt.equals(other.expiresAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fingerprint, Arrays.hashCode(outcome), expiresAt);
    }

    @Override
    public String toString() {
        return "RecordedOutcome[fingerprint=" + fingerprint + ", " + outcome.length + " bytes, expiresAt=" + expiresAt
                + "]";
    }
}
