package dev.todo.persistence;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The statements on table {@code todo}, checked and compiled by Micronaut Data at build time. Every statement
 * names {@code user_id}: a tenant can neither read nor change another tenant's rows through it.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface TodoRowRepository extends GenericRepository<TodoRow, UUID> {

    /**
     * Names the tenant for row-level security and sets the transaction's time limits, for the rest of the current
     * transaction only (is_local = true), so that nothing outlives it on a pooled connection, even through a pooler
     * in transaction mode. One round trip: the first statement of every unit of work.
     *
     * @param tenant           the tenant, for row-level security
     * @param statementTimeout PostgreSQL's statement_timeout for the transaction, in milliseconds ("0": none)
     * @param idleTimeout      idle_in_transaction_session_timeout for the transaction, in milliseconds ("0": none)
     * @return the tenant, as set
     */
    @Query("SELECT set_config('app.user_id', :tenant, true), "
            + "set_config('statement_timeout', :statementTimeout, true), "
            + "set_config('idle_in_transaction_session_timeout', :idleTimeout, true)")
    String actAs(String tenant, String statementTimeout, String idleTimeout);

    String COLUMNS = "id, user_id, title, description, is_completed, created_at, updated_at, version";

    @Query("SELECT " + COLUMNS + " FROM todo WHERE user_id = :userId AND id = :id")
    Optional<TodoRow> find(String userId, UUID id);

    @Query("SELECT " + COLUMNS + " FROM todo WHERE user_id = :userId AND id = :id FOR UPDATE")
    Optional<TodoRow> findForUpdate(String userId, UUID id);

    @Query("SELECT " + COLUMNS + " FROM todo WHERE user_id = :userId ORDER BY created_at, id")
    List<TodoRow> findAll(String userId);

    @Query("SELECT forgotten_through FROM tenant_state WHERE user_id = :userId")
    Optional<Long> forgottenThrough(String userId);
}
