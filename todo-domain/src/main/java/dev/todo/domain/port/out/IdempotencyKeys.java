package dev.todo.domain.port.out;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * Storage for idempotency keys and the outcomes of their requests, per tenant. Methods are called inside a
 * {@link UnitOfWork}: a key is recorded in the same unit of work as the write it guards, so both happen or neither.
 */
public interface IdempotencyKeys {

    /**
     * Claims a key for the current unit of work, until it ends; another unit of work that claims the same key of the
     * same tenant meanwhile gets false at once, without waiting.
     */
    boolean claim(TenantId tenant, IdempotencyKey key);

    /** Returns the recorded outcome of the key's first request, if it has one and it has not expired. */
    Optional<RecordedOutcome> find(TenantId tenant, IdempotencyKey key, Instant now);

    /** Records the outcome of a key's request (replacing an expired record of the same key, if any). */
    void record(TenantId tenant, IdempotencyKey key, RecordedOutcome outcome);

    /**
     * Keeps at most {@code keep} of the tenant's records, those that expire last (the latest), and forgets the others,
     * expired or not: a tenant that sends many keys cannot make its records outgrow this bound before they expire. A
     * retry of a forgotten key runs again.
     * @throws IllegalArgumentException if {@code keep} is negative
     */
    void forgetAllBut(TenantId tenant, int keep);

    /** Forgets the tenant's keys that expired by {@code now}. */
    void forgetExpired(TenantId tenant, Instant now);
}
