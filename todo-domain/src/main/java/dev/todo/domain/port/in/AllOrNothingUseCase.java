package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import java.util.function.Supplier;

/**
 * Several in-port calls for one tenant as one unit of work: all of their writes are kept, or, if one of them fails,
 * none (a batch of an agent's tool calls, ADR 0040).
 */
public interface AllOrNothingUseCase {

    /** The most in-port calls a batch may hold. */
    int MAX_BATCH = 50;

    /**
     * Runs {@code work}, which calls this tenant's in-ports, in one unit of work: the units of work those calls start
     * join it. If {@code work} throws, nothing it wrote is kept and the exception propagates unchanged.
     *
     * @throws IllegalStateException if the work calls an in-port for another tenant
     */
    <T> T allOrNothing(TenantId tenant, Supplier<T> work);
}
