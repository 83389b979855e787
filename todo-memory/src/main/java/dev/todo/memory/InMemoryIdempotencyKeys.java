package dev.todo.memory;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.RecordedOutcome;
import dev.todo.memory.InMemoryTodoStore.Tenant;
import dev.todo.memory.InMemoryTodoStore.Unit;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link IdempotencyKeys} of an {@link InMemoryTodoStore}. A claim needs a {@code WRITE} unit, which holds its tenant
 * alone, so it always succeeds: a second request with the same key waits for the first and replays its outcome.
 */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {

    private final InMemoryTodoStore store;

    InMemoryIdempotencyKeys(InMemoryTodoStore store) {
        this.store = store;
    }

    @Override
    public boolean claim(TenantId tenant, IdempotencyKey key) {
        Objects.requireNonNull(key, "key");
        store.writingUnit(tenant);
        return true;
    }

    @Override
    public Optional<RecordedOutcome> find(TenantId tenant, IdempotencyKey key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Tenant state = store.unit(tenant).tenant;
        return state == null ? Optional.empty()
                : Optional.ofNullable(state.keys.get(key)).filter(outcome -> outcome.expiresAt().isAfter(now));
    }

    @Override
    public void record(TenantId tenant, IdempotencyKey key, RecordedOutcome outcome) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(outcome, "outcome");
        Unit unit = store.writingUnit(tenant);
        Map<IdempotencyKey, RecordedOutcome> keys = unit.writable().keys;
        RecordedOutcome previous = keys.put(key, outcome);
        unit.undo.push(() -> {
            if (previous == null) {
                keys.remove(key);
            } else {
                keys.put(key, previous);
            }
        });
    }

    @Override
    public void forgetAllBut(TenantId tenant, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep cannot be negative: " + keep);
        }
        Unit unit = store.writingUnit(tenant);
        Map<IdempotencyKey, RecordedOutcome> keys = unit.writable().keys;
        if (keys.size() > keep) {
            Map<IdempotencyKey, RecordedOutcome> forgotten = new HashMap<>();
            keys.entrySet().stream()
                    .sorted(Map.Entry.<IdempotencyKey, RecordedOutcome>comparingByValue(
                                    Comparator.comparing(RecordedOutcome::expiresAt))
                            .thenComparing(Map.Entry.comparingByKey(Comparator.comparing(IdempotencyKey::value))))
                    .limit(keys.size() - (long) keep)
                    .forEach(entry -> forgotten.put(entry.getKey(), entry.getValue()));
            forget(unit, keys, forgotten);
        }
    }

    @Override
    public void forgetExpired(TenantId tenant, Instant now) {
        Objects.requireNonNull(now, "now");
        Unit unit = store.writingUnit(tenant);
        Map<IdempotencyKey, RecordedOutcome> keys = unit.writable().keys;
        Map<IdempotencyKey, RecordedOutcome> expired = new HashMap<>();
        keys.forEach((key, outcome) -> {
            if (!outcome.expiresAt().isAfter(now)) {
                expired.put(key, outcome);
            }
        });
        forget(unit, keys, expired);
    }

    private static void forget(Unit unit, Map<IdempotencyKey, RecordedOutcome> keys,
                               Map<IdempotencyKey, RecordedOutcome> forgotten) {
        if (!forgotten.isEmpty()) {
            keys.keySet().removeAll(forgotten.keySet());
            unit.undo.push(() -> keys.putAll(forgotten));
        }
    }
}
