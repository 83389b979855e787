package dev.todo.archfixtures.persistenceusesinport.domain.port.in;

public interface AddItem {
    void add(String name);
}
