package dev.todo.domain.service;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.IdempotencyKeyInFlightException;
import dev.todo.domain.model.IdempotencyKeyReusedException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.in.ExecuteOnceUseCase;
import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.RecordedOutcome;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ExecuteOnceUseCase}: one unit of work claims the key, replays its recorded outcome if it has one, or else runs
 * the work and records its outcome, so that the write and its key are kept together or not at all.
 */
public final class IdempotencyService implements ExecuteOnceUseCase {

    private final IdempotencyKeys keys;
    private final UnitOfWork unitOfWork;
    private final Clock clock;
    private final Duration keep;
    private final int maxKeys;

    /** How many recorded outcomes a tenant keeps by default. */
    public static final int DEFAULT_MAX_KEYS = 1_000;

    /** Creates the {@code IdempotencyService}. */
    public IdempotencyService(IdempotencyKeys keys, UnitOfWork unitOfWork, Clock clock, Duration keep) {
        this(keys, unitOfWork, clock, keep, DEFAULT_MAX_KEYS);
    }

    /** Creates the {@code IdempotencyService}. */
    public IdempotencyService(IdempotencyKeys keys, UnitOfWork unitOfWork, Clock clock, Duration keep, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("a tenant must be allowed at least one key");
        }
        this.maxKeys = maxKeys;
        this.keys = Objects.requireNonNull(keys, "keys");
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.keep = Objects.requireNonNull(keep, "keep");
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("keys must be kept for some time");
        }
    }

    @Override
    public Outcome once(TenantId tenant, IdempotencyKey key, String fingerprint, Supplier<byte[]> work) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return unitOfWork.execute(tenant, Intent.WRITE, () -> {
            if (!keys.claim(tenant, key)) {
                throw new IdempotencyKeyInFlightException();
            }
            Instant now = clock.instant();
            keys.forgetExpired(tenant, now);
            Optional<RecordedOutcome> recorded = keys.find(tenant, key, now);
            if (recorded.isPresent()) {
                if (!recorded.get().fingerprint().equals(fingerprint)) {
                    throw new IdempotencyKeyReusedException();
                }
                return new Outcome(recorded.get().outcome(), true);
            }
            byte[] outcome = work.get();
            // Room for this one first, so that the record just made is never the one forgotten.
            keys.forgetAllBut(tenant, maxKeys - 1);
            keys.record(tenant, key, new RecordedOutcome(fingerprint, outcome, now.plus(keep)));
            return new Outcome(outcome, false);
        });
    }
}
