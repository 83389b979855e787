package dev.todo.app;

import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoEvents;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.domain.service.AllOrNothingService;
import dev.todo.domain.service.IdempotencyService;
import dev.todo.domain.service.TodoService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the domain's services with {@code new} and hands them to Micronaut: the domain has no annotation and
 * knows no framework. The in-ports the controllers need are this one service's interfaces.
 */
@Factory
class DomainFactory {

    @Singleton
    TodoService todoService(TodoRepository repository, UnitOfWork unitOfWork, Settings settings, TodoEvents events) {
        return new TodoService(repository, unitOfWork,
                new TodoService.Settings(Clock.systemUTC(), TodoId::random, settings.limits(), events));
    }

    /** Batches of in-port calls in one unit of work (the MCP tools' lists, ADR 0040). */
    @Singleton
    AllOrNothingService allOrNothingService(UnitOfWork unitOfWork) {
        return new AllOrNothingService(unitOfWork);
    }

    /**
     * @param maxKeys how many Idempotency-Key answers a tenant keeps at most (TODO_IDEMPOTENCY_MAX_KEYS): past it
     *                the oldest is forgotten before it expires (ADR 0029)
     */
    @Singleton
    IdempotencyService idempotencyService(IdempotencyKeys keys, UnitOfWork unitOfWork, Settings settings,
                                          @Value("${todo.idempotency.max-keys:"
                                                  + IdempotencyService.DEFAULT_MAX_KEYS + "}") int maxKeys) {
        return new IdempotencyService(keys, unitOfWork, Clock.systemUTC(), settings.idempotencyTtl(), maxKeys);
    }
}
