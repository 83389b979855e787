package dev.todo.archfixtures.mcpusesrest.rest;

public record ItemJson(String name) {}
