package dev.todo.testkit;

import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.UnitOfWork;
import java.util.Objects;

/**
 * A storage adapter's idempotency keys under test: {@link IdempotencyKeys} and the {@link UnitOfWork} its methods take
 * part in, the same units of work that its {@link dev.todo.domain.port.out.TodoRepository} takes part in, so that a key
 * is recorded together with the write it guards.
 *
 * @param keys       the idempotency keys
 * @param unitOfWork the units of work the keys' methods run in
 */
public record IdempotencyAdapter(IdempotencyKeys keys, UnitOfWork unitOfWork) {

    /**
     * Checks that both parts are there.
     *
     * @throws NullPointerException if either is null
     */
    public IdempotencyAdapter {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(unitOfWork, "unitOfWork");
    }

    /**
     * The adapter of a store that keeps its own idempotency keys and is its own unit of work.
     *
     * @param store the store
     * @param <S>   its type
     * @return the adapter
     */
    public static <S extends IdempotencyKeys & UnitOfWork> IdempotencyAdapter of(S store) {
        return new IdempotencyAdapter(store, store);
    }
}
