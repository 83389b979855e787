package dev.todo.archfixtures.memoryusespersistence.persistence;

public final class JdbcItemStore {
    public void save(String name) {
    }
}
