package dev.todo.archfixtures.restusesservice.rest;

import dev.todo.archfixtures.restusesservice.domain.service.ItemService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;

// Micronaut's processor sees test classes too: a property nobody sets keeps this fixture out of every bean context,
// and being abstract it could not be instantiated anyway. Fixtures are analysed, never run.
@Requires(property = "dev.todo.archfixtures.never")
@Controller("/archfixtures/restusesservice/items")
public abstract class ItemController {
    // Violation (both halves of rule 5): a controller calls the service, not an in-port.
    private final ItemService service;

    protected ItemController(ItemService service) {
        this.service = service;
    }

    public String add(String name) {
        return service.add(name);
    }
}
