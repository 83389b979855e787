package dev.todo.archfixtures.controllerbypassesinports.app;

import dev.todo.archfixtures.controllerbypassesinports.domain.service.ItemService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;

// Micronaut's processor sees test classes too: a property nobody sets keeps this fixture out of every bean context,
// and being abstract it could not be instantiated anyway. Fixtures are analysed, never run.
@Requires(property = "dev.todo.archfixtures.never")
@Controller("/archfixtures/controllerbypassesinports/admin")
public abstract class AdminController {
    // Violation (rule 5, second half only): a controller outside the rest package calls the service.
    private final ItemService service;

    protected AdminController(ItemService service) {
        this.service = service;
    }

    public int count() {
        return service.count();
    }
}
