package dev.todo.app;

import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import dev.todo.domain.service.IdempotencyService;
import dev.todo.domain.service.TodoService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the domain's services with {@code new} and hands them to Micronaut: the domain has no annotation and
 * knows no framework. The in-ports the controllers need are this one service's interfaces.
 */
@Factory
class DomainFactory {

    @Singleton
    TodoService todoService(TodoRepository repository, UnitOfWork unitOfWork, Settings settings) {
        return new TodoService(repository, unitOfWork, Clock.systemUTC(), settings.limits());
    }

    @Singleton
    IdempotencyService idempotencyService(IdempotencyKeys keys, UnitOfWork unitOfWork, Settings settings) {
        return new IdempotencyService(keys, unitOfWork, Clock.systemUTC(), settings.idempotencyTtl());
    }
}
