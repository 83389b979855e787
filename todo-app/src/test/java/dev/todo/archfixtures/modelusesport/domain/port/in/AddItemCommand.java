package dev.todo.archfixtures.modelusesport.domain.port.in;

public record AddItemCommand(String name) {}
