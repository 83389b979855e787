package dev.todo.memory;

import dev.todo.domain.model.Nullable;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.memory.InMemoryTodoStore.Tenant;
import dev.todo.memory.InMemoryTodoStore.Unit;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * {@link UnitOfWork} of an {@link InMemoryTodoStore}: a tenant's read-write lock, and an undo log. A {@code READ} unit
 * of a tenant that never wrote holds nothing and sees nothing.
 */
final class InMemoryUnitOfWork implements UnitOfWork {

    private final InMemoryTodoStore store;

    InMemoryUnitOfWork(InMemoryTodoStore store) {
        this.store = store;
    }

    /** @throws IllegalStateException also for a {@code WRITE} unit started inside a {@code READ} one */
    @Override
    public <T> T execute(TenantId tenant, Intent intent, Supplier<T> work) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(work, "work");
        Unit outer = store.current.get();
        if (outer != null) {
            if (!outer.tenantId.equals(tenant)) {
                throw new IllegalStateException("a unit of work cannot run inside one that acts for another tenant");
            }
            if (intent == Intent.WRITE && outer.intent == Intent.READ) {
                throw new IllegalStateException("a WRITE unit of work cannot run inside a READ one");
            }
            return work.get();
        }
        Tenant state = lock(tenant, intent);
        Unit unit = new Unit(tenant, state, intent);
        store.current.set(unit);
        try {
            return work.get();
        } catch (Throwable e) {
            unit.rollBack();
            throw e;
        } finally {
            store.current.remove();
            if (state != null) {
                release(tenant, state, intent);
            }
        }
    }

    /** Locks the tenant: shared for reading, alone for writing; null for a READ unit of a tenant that never wrote. */
    // The unit of work holds the lock; execute's finally block releases it (Error Prone's LockNotBeforeTry).
    @SuppressWarnings("LockNotBeforeTry")
    private @Nullable Tenant lock(TenantId tenant, Intent intent) {
        while (true) {
            Tenant state = intent == Intent.READ ? store.tenants.get(tenant)
                    : store.tenants.computeIfAbsent(tenant, t -> new Tenant());
            if (state == null) {
                return null;
            }
            Lock lock = lockOf(state, intent);
            lock.lock();
            // A writer that kept nothing may have dropped this state while we waited: start again.
            if (store.tenants.get(tenant) == state) {
                return state;
            }
            lock.unlock();
        }
    }

    private void release(TenantId tenant, Tenant state, Intent intent) {
        if (intent == Intent.WRITE && state.isBlank()) {
            store.tenants.remove(tenant, state);
        }
        lockOf(state, intent).unlock();
    }

    private static Lock lockOf(Tenant state, Intent intent) {
        return intent == Intent.READ ? state.lock.readLock() : state.lock.writeLock();
    }
}
