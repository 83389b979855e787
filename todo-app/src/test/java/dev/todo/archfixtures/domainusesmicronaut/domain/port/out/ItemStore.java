package dev.todo.archfixtures.domainusesmicronaut.domain.port.out;

public interface ItemStore {
    void save(String name);
}
