package dev.todo.archfixtures.restusesoutport.rest;

import dev.todo.archfixtures.restusesoutport.domain.port.out.StoreDownException;

public final class ErrorMapper {
    // Violation (rule 5, first half): the REST adapter knows an out-port's type.
    public int status(RuntimeException e) {
        return e instanceof StoreDownException ? 503 : 500;
    }
}
