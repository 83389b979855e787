package dev.todo.app;

import dev.todo.rest.todo.Cursors;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/** The signer of the tokens clients hand back, with the key the settings call for ({@link TokenSecrets}). */
@Factory
class TokensFactory {

    @Singleton
    Cursors cursors(Settings settings) {
        return new Cursors(TokenSecrets.resolve(settings));
    }
}
