package dev.todo.persistence;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.RecordedOutcome;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * {@link IdempotencyKeys} on PostgreSQL, inside a {@link JdbcUnitOfWork}. A claim is a transaction-scoped advisory
 * lock on the tenant and key (released at commit or rollback, so it is safe behind a transaction-mode pooler, and
 * tried without waiting); records live in {@code idempotency_key}, keyed by {@code (user_id, key)}.
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

    private final JdbcOperations jdbc;

    JdbcIdempotencyKeys(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean claim(TenantId tenant, IdempotencyKey key) {
        return jdbc.prepareStatement(CLAIM, statement -> {
            statement.setString(1, tenant.value());
            statement.setString(2, key.value());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    @Override
    public Optional<RecordedOutcome> find(TenantId tenant, IdempotencyKey key, Instant now) {
        return jdbc.prepareStatement(FIND, statement -> {
            statement.setString(1, tenant.value());
            statement.setString(2, key.value());
            statement.setObject(3, at(now));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RecordedOutcome(rs.getString("fingerprint"), rs.getBytes("outcome"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant()));
            }
        });
    }

    @Override
    public void record(TenantId tenant, IdempotencyKey key, RecordedOutcome outcome) {
        jdbc.prepareStatement(RECORD, statement -> {
            statement.setString(1, tenant.value());
            statement.setString(2, key.value());
            statement.setString(3, outcome.fingerprint());
            statement.setBytes(4, outcome.outcome());
            statement.setObject(5, at(outcome.expiresAt()));
            return statement.executeUpdate();
        });
    }

    @Override
    public void forgetExpired(TenantId tenant, Instant now) {
        jdbc.prepareStatement(FORGET, statement -> {
            statement.setString(1, tenant.value());
            statement.setObject(2, at(now));
            return statement.executeUpdate();
        });
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
