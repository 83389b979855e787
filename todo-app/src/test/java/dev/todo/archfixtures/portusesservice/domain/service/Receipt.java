package dev.todo.archfixtures.portusesservice.domain.service;

public record Receipt(long number) {}
