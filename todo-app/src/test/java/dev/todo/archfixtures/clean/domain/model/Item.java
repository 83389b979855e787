package dev.todo.archfixtures.clean.domain.model;

public record Item(String name) {}
