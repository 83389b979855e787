package dev.todo.app;

import dev.todo.rest.api.TenantHashes;
import dev.todo.rest.todo.Cursors;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The deployment's key ({@link TokenSecrets}), and what is keyed with it: the signer of the tokens clients hand back,
 * and the request log's tenant hashes.
 */
@Factory
class TokensFactory {

    /** The key, chosen when the service starts (not at the first request), so that its warning is a start line. */
    @Context
    TokenSecrets.Key tokenKey(Settings settings) {
        return new TokenSecrets.Key(TokenSecrets.resolve(settings));
    }

    @Singleton
    Cursors cursors(TokenSecrets.Key key) {
        return new Cursors(key.bytes());
    }

    @Singleton
    TenantHashes tenantHashes(TokenSecrets.Key key) {
        return new TenantHashes(TokenSecrets.derive(key.bytes(), TokenSecrets.TENANT_HASH_PURPOSE));
    }
}
