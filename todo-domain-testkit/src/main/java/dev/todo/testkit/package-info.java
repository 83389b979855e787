/**
 * Contracts that any adapter of the domain's out-ports must pass, as abstract JUnit 5 test classes: extend
 * {@link dev.todo.testkit.TodoRepositoryContract} and {@link dev.todo.testkit.TodoUseCasesContract} in
 * the adapter's test sources and return the adapter from {@code newAdapter()}; an adapter that also keeps idempotency
 * keys (for {@link dev.todo.domain.service.IdempotencyService}) extends
 * {@link dev.todo.testkit.IdempotencyKeysContract} too, returning an
 * {@link dev.todo.testkit.IdempotencyAdapter}.
 *
 * <pre>{@code
 * class MyStoreContractTest extends TodoRepositoryContract {
 *     @Override
 *     protected Adapter newAdapter() {
 *         return Adapter.of(new MyStore());
 *     }
 * }
 * }</pre>
 *
 * <p>Every test acts for tenants of its own, with ids made unique per test, so an adapter may hand out the same store
 * to every test (a database shared by the whole class, say); tests never see each other's todos. The test class
 * needs a JUnit Jupiter engine on its test class path, as any JUnit 5 test does.
 */
package dev.todo.testkit;
