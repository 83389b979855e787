package dev.todo.testkit;

import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.UnitOfWork;
import java.util.Objects;

/**
 * A storage adapter under test: a {@link TodoRepository} and the {@link UnitOfWork} its methods take part in.
 *
 * @param repository the repository
 * @param unitOfWork the units of work the repository's methods run in
 */
public record Adapter(TodoRepository repository, UnitOfWork unitOfWork) {

    /**
     * Checks that both parts are there.
     *
     * @throws NullPointerException if either is null
     */
    public Adapter {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(unitOfWork, "unitOfWork");
    }

    /**
     * The adapter of a store that is its own repository and unit of work.
     *
     * @param store the store
     * @param <S>   its type
     * @return the adapter
     */
    public static <S extends TodoRepository & UnitOfWork> Adapter of(S store) {
        return new Adapter(store, store);
    }
}
