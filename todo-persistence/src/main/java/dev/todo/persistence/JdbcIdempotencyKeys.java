package dev.todo.persistence;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.RecordedOutcome;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * {@link IdempotencyKeys} on PostgreSQL, inside a {@link JdbcUnitOfWork}: a claim is a transaction-scoped advisory lock
 * on the tenant and key, tried without waiting (ADR 0018); records live in {@code idempotency_key}.
 */
@Singleton
public class JdbcIdempotencyKeys implements IdempotencyKeys {

    private static final String CLAIM = "SELECT pg_try_advisory_xact_lock(hashtextextended(? || E'\\n' || ?, 0))";
    private static final String FIND = """
            SELECT fingerprint, outcome, expires_at FROM idempotency_key
            WHERE user_id = ? AND key = ? AND expires_at > ?""";
    private static final String RECORD = """
            INSERT INTO idempotency_key (user_id, key, fingerprint, outcome, created_at, expires_at)
            VALUES (?, ?, ?, ?, now(), ?)
            ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, outcome = EXCLUDED.outcome,
                                                    created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at""";
    private static final String FORGET = "DELETE FROM idempotency_key WHERE user_id = ? AND expires_at <= ?";

    /** Forgets the tenant's records below its {@code keep} latest (by expiry, then key by code point). */
    private static final String FORGET_ALL_BUT = """
            DELETE FROM idempotency_key WHERE user_id = ? AND (expires_at, key COLLATE "C") <= (
              SELECT expires_at, key COLLATE "C" FROM idempotency_key WHERE user_id = ?
              ORDER BY expires_at DESC, key COLLATE "C" DESC OFFSET ? LIMIT 1)""";

    private final TenantStatements statements;

    JdbcIdempotencyKeys(TenantStatements statements) {
        this.statements = statements;
    }

    @Override
    public boolean claim(TenantId tenant, IdempotencyKey key) {
        return statements.query(CLAIM, rs -> rs.next() && rs.getBoolean(1), tenant.value(), key.value());
    }

    @Override
    public Optional<RecordedOutcome> find(TenantId tenant, IdempotencyKey key, Instant now) {
        return statements.query(FIND, rs -> rs.next()
                ? Optional.of(new RecordedOutcome(rs.getString("fingerprint"), rs.getBytes("outcome"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()))
                : Optional.<RecordedOutcome>empty(), tenant.value(), key.value(), at(now));
    }

    @Override
    public void record(TenantId tenant, IdempotencyKey key, RecordedOutcome outcome) {
        statements.update(RECORD, tenant.value(), key.value(), outcome.fingerprint(), outcome.outcome(),
                at(outcome.expiresAt()));
    }

    @Override
    public void forgetAllBut(TenantId tenant, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep cannot be negative: " + keep);
        }
        statements.update(FORGET_ALL_BUT, tenant.value(), tenant.value(), keep);
    }

    @Override
    public void forgetExpired(TenantId tenant, Instant now) {
        statements.update(FORGET, tenant.value(), at(now));
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
