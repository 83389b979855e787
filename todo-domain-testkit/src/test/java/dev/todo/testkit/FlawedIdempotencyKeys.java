package dev.todo.testkit;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.RecordedOutcome;
import dev.todo.domain.port.out.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A plain, correct store of idempotency keys into which bugs can be switched on, each a mistake a real adapter could
 * make. Unlike {@link FlawedTodoStore}, its units of work run side by side, as a database's transactions do: each
 * keeps its writes to itself until it ends, and claims are locks held until then, so that the contract's tests of
 * claims and of what other units see have something to catch. {@link ContractsCatchFlawedAdaptersTest} runs
 * {@link IdempotencyKeysContract} on it.
 */
final class FlawedIdempotencyKeys implements IdempotencyKeys, UnitOfWork {

    enum KeysFlaw {
        /** records are stored under the key alone, whatever the tenant. */
        KEYS_ACROSS_TENANTS,
        /** find returns records that have expired. */
        EXPIRED_KEYS_FOUND,
        /** outcomes are stored as text (decoded and encoded as UTF-8), so bytes that are not UTF-8 change. */
        OUTCOME_AS_TEXT,
        /** a record of a key that already has one, even an expired one, keeps the old one. */
        RECORD_KEEPS_THE_FIRST,
        /** forgetExpired does nothing. */
        FORGETS_NOTHING,
        /** forgetExpired drops every tenant's expired keys. */
        FORGETS_EVERY_TENANTS_KEYS,
        /** forgetExpired drops the tenant's keys whether or not they expired. */
        FORGETS_UNEXPIRED,
        /** a claim succeeds even while another unit holds the key. */
        CLAIM_ALWAYS_SUCCEEDS,
        /** a claim of a key another unit holds waits until that unit ends (a row lock), then succeeds. */
        CLAIM_WAITS,
        /** a claim outlives its unit of work. */
        CLAIM_NOT_RELEASED,
        /** the unit that holds a key cannot claim it again. */
        CLAIM_NOT_REENTRANT,
        /** claims are taken on the key alone, whatever the tenant. */
        CLAIMS_KEYED_BY_KEY_ONLY,
        /** records and forgetting go to the store at once, outside the unit of work: seen by others, never undone. */
        RECORDS_OUTSIDE_THE_UNIT,
        /** a unit started inside another keeps what was written so far when it ends (a transaction of its own). */
        NESTED_UNITS_COMMIT_ON_THEIR_OWN
    }

    private record Key(TenantId tenant, IdempotencyKey key) {
    }

    /** A unit of work in progress: what it wrote and has not kept yet (an empty value for a deletion). */
    private static final class Unit {
        final TenantId tenant;
        final Map<Key, Optional<RecordedOutcome>> pending = new LinkedHashMap<>();

        Unit(TenantId tenant) {
            this.tenant = tenant;
        }
    }

    private final Set<KeysFlaw> flaws;
    private final ThreadLocal<Unit> current = new ThreadLocal<>();
    /** Guarded by this. */
    private final Map<Key, RecordedOutcome> kept = new HashMap<>();
    /** Guarded by this: which unit holds each claimed key. */
    private final Map<Key, Unit> claims = new HashMap<>();

    FlawedIdempotencyKeys(Set<KeysFlaw> flaws) {
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(KeysFlaw.class) : EnumSet.copyOf(flaws);
    }

    private boolean has(KeysFlaw flaw) {
        return flaws.contains(flaw);
    }

    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        Unit outer = current.get();
        if (outer != null) {
            if (!outer.tenant.equals(tenant)) {
                throw new IllegalStateException("a unit of work for another tenant cannot start inside this one");
            }
            T result = work.get();
            if (has(KeysFlaw.NESTED_UNITS_COMMIT_ON_THEIR_OWN)) {
                keep(outer);
            }
            return result;
        }
        Unit unit = new Unit(tenant);
        current.set(unit);
        try {
            T result = work.get();
            keep(unit);
            return result;
        } finally {
            current.remove();
            release(unit);
        }
    }

    private synchronized void keep(Unit unit) {
        unit.pending.forEach((key, value) -> value.ifPresentOrElse(o -> kept.put(key, o), () -> kept.remove(key)));
        unit.pending.clear();
    }

    private synchronized void release(Unit unit) {
        if (!has(KeysFlaw.CLAIM_NOT_RELEASED)) {
            claims.values().removeIf(holder -> holder == unit);
        }
        notifyAll();
    }

    private Unit unit(TenantId tenant) {
        Unit unit = current.get();
        if (unit == null || !unit.tenant.equals(tenant)) {
            throw new IllegalStateException("outside a unit of work for " + tenant);
        }
        return unit;
    }

    private Key recordKey(TenantId tenant, IdempotencyKey key) {
        return new Key(has(KeysFlaw.KEYS_ACROSS_TENANTS) ? null : tenant, key);
    }

    /** What the unit sees: the kept records, with its own writes over them. */
    private synchronized Map<Key, RecordedOutcome> seenBy(Unit unit) {
        Map<Key, RecordedOutcome> seen = new HashMap<>(kept);
        unit.pending.forEach((key, value) -> value.ifPresentOrElse(o -> seen.put(key, o), () -> seen.remove(key)));
        return seen;
    }

    private synchronized void write(Unit unit, Key key, Optional<RecordedOutcome> value) {
        if (has(KeysFlaw.RECORDS_OUTSIDE_THE_UNIT)) {
            value.ifPresentOrElse(o -> kept.put(key, o), () -> kept.remove(key));
        } else {
            unit.pending.put(key, value);
        }
    }

    @Override
    public synchronized boolean claim(TenantId tenant, IdempotencyKey key) {
        Unit unit = unit(tenant);
        Key claimed = new Key(has(KeysFlaw.CLAIMS_KEYED_BY_KEY_ONLY) ? null : tenant, key);
        while (true) {
            Unit holder = claims.get(claimed);
            if (holder == null) {
                claims.put(claimed, unit);
                return true;
            }
            if (holder == unit) {
                return !has(KeysFlaw.CLAIM_NOT_REENTRANT);
            }
            if (has(KeysFlaw.CLAIM_ALWAYS_SUCCEEDS)) {
                return true;
            }
            if (!has(KeysFlaw.CLAIM_WAITS)) {
                return false;
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a claim", e);
            }
        }
    }

    @Override
    public Optional<RecordedOutcome> find(TenantId tenant, IdempotencyKey key, Instant now) {
        Unit unit = unit(tenant);
        return Optional.ofNullable(seenBy(unit).get(recordKey(tenant, key)))
                .filter(record -> has(KeysFlaw.EXPIRED_KEYS_FOUND) || record.expiresAt().isAfter(now));
    }

    @Override
    public void record(TenantId tenant, IdempotencyKey key, RecordedOutcome outcome) {
        Unit unit = unit(tenant);
        Key recorded = recordKey(tenant, key);
        if (has(KeysFlaw.RECORD_KEEPS_THE_FIRST) && seenBy(unit).containsKey(recorded)) {
            return;
        }
        RecordedOutcome stored = has(KeysFlaw.OUTCOME_AS_TEXT)
                ? new RecordedOutcome(outcome.fingerprint(),
                        new String(outcome.outcome(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8),
                        outcome.expiresAt())
                : outcome;
        write(unit, recorded, Optional.of(stored));
    }

    @Override
    public void forgetAllBut(TenantId tenant, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep cannot be negative");
        }
        Unit unit = unit(tenant);
        List<Key> mine = seenBy(unit).entrySet().stream()
                .filter(entry -> tenant.equals(entry.getKey().tenant()))
                .sorted(Map.Entry.<Key, RecordedOutcome>comparingByValue(
                                Comparator.comparing(RecordedOutcome::expiresAt))
                        .thenComparing(entry -> entry.getKey().key().value()))
                .map(Map.Entry::getKey).toList();
        mine.subList(0, Math.max(0, mine.size() - keep)).forEach(key -> write(unit, key, Optional.empty()));
    }

    @Override
    public void forgetExpired(TenantId tenant, Instant now) {
        Unit unit = unit(tenant);
        if (has(KeysFlaw.FORGETS_NOTHING)) {
            return;
        }
        seenBy(unit).forEach((key, record) -> {
            boolean tenants = has(KeysFlaw.FORGETS_EVERY_TENANTS_KEYS) || key.tenant() == null
                    || key.tenant().equals(tenant);
            boolean expired = has(KeysFlaw.FORGETS_UNEXPIRED) || !record.expiresAt().isAfter(now);
            if (tenants && expired) {
                write(unit, key, Optional.empty());
            }
        });
    }
}
