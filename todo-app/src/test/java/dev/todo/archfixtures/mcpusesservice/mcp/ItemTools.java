package dev.todo.archfixtures.mcpusesservice.mcp;

import dev.todo.archfixtures.mcpusesservice.domain.service.ItemService;

public final class ItemTools {
    // Violation (rule 10): a tool calls the service, not an in-port.
    public String addTool(ItemService service, String name) {
        return service.add(name);
    }
}
