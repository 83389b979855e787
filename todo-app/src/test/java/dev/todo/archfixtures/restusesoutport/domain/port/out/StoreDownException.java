package dev.todo.archfixtures.restusesoutport.domain.port.out;

public final class StoreDownException extends RuntimeException {
    public StoreDownException(String message) {
        super(message);
    }
}
