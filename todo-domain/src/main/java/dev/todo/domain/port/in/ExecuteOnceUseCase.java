package dev.todo.domain.port.in;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.TenantId;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Do something at most once per idempotency key (IETF Idempotency-Key draft): the first request with a key runs; a
 * retry with the same key and the same request gets the first outcome again without running anything.
 */
public interface ExecuteOnceUseCase {

    /**
     * Runs {@code work} in one unit of work with the key's record, unless the key already has an outcome. Only an
     * outcome that {@code work} returns is recorded; if it throws, nothing is, and a retry runs it again.
     * @throws dev.todo.domain.model.IdempotencyKeyReusedException if the key was first used with another request
     * @throws dev.todo.domain.model.IdempotencyKeyInFlightException if a request with the key is running right now
     */
    Outcome once(TenantId tenant, IdempotencyKey key, String fingerprint, Supplier<byte[]> work);

    /** What {@link #once} returns. */
    // An array component on purpose (Error Prone's ArrayRecordComponent): it is copied in and out, and equals,
    // hashCode and toString below look at its contents.
    @SuppressWarnings("ArrayRecordComponent")
    record Outcome(byte[] value, boolean replayed) {

        /** Copies the value. */
        public Outcome {
            value = value.clone();
        }

        /** {@return a copy of the value} */
        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Outcome other && Arrays.equals(value, other.value) && replayed == other.replayed;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(value) + Boolean.hashCode(replayed);
        }

        @Override
        public String toString() {
            return "Outcome[" + value.length + " bytes, replayed=" + replayed + "]";
        }
    }
}
