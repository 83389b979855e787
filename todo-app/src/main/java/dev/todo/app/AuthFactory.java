package dev.todo.app;

import dev.todo.rest.tenant.BearerTenantResolver;
import dev.todo.rest.tenant.HeaderTenantResolver;
import dev.todo.rest.tenant.JwtVerifier;
import dev.todo.rest.tenant.TenantResolver;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** Chooses how requests name their tenant, as the settings say (TODO_AUTH_MODE and its keys). */
@Factory
class AuthFactory {

    @Singleton
    TenantResolver tenantResolver(Settings settings) {
        return switch (settings.auth()) {
            case Settings.Auth.Header header -> new HeaderTenantResolver();
            case Settings.Auth.HmacJwt hmac ->
                    new BearerTenantResolver(JwtVerifier.hmac(hmac.secret(), hmac.issuer(), hmac.audience(),
                            hmac.maxTokenLifetime()));
            case Settings.Auth.JwksJwt jwks ->
                    new BearerTenantResolver(JwtVerifier.jwks(jwks.jwksUrl(), jwks.issuer(), jwks.audience(),
                            jwks.maxTokenLifetime()));
        };
    }
}
