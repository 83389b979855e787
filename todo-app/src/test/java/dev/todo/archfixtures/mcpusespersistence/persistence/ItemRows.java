package dev.todo.archfixtures.mcpusespersistence.persistence;

public final class ItemRows {
    public int count() {
        return 0;
    }
}
