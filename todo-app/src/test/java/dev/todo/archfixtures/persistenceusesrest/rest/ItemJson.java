package dev.todo.archfixtures.persistenceusesrest.rest;

public record ItemJson(String name) {}
