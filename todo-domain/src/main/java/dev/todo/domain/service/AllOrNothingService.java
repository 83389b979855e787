package dev.todo.domain.service;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.in.AllOrNothingUseCase;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.util.Objects;
import java.util.function.Supplier;

/** {@link AllOrNothingUseCase} on the out-port's {@link UnitOfWork}, which the in-ports' own units of work join. */
public final class AllOrNothingService implements AllOrNothingUseCase {

    private final UnitOfWork unitOfWork;

    /** Creates the {@code AllOrNothingService}. */
    public AllOrNothingService(UnitOfWork unitOfWork) {
        this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    }

    @Override
    public <T> T allOrNothing(TenantId tenant, Supplier<T> work) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(work, "work");
        return unitOfWork.execute(tenant, Intent.WRITE, work);
    }
}
