package dev.todo.archfixtures.dependsonapp.app;

public final class Settings {
    public static int capacity() {
        return 10;
    }
}
