package dev.todo.app;

/** The service cannot start as configured; the message says what to change. */
public final class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
