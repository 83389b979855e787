package dev.todo.archfixtures.portusesservice.domain.model;

public record Item(String name) {}
