package dev.todo.archfixtures.domainusesjakarta.domain.port.out;

public interface ItemStore {
    void save(String name);
}
