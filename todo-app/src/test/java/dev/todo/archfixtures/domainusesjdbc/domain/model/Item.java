package dev.todo.archfixtures.domainusesjdbc.domain.model;

public record Item(String name) {}
