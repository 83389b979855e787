package dev.todo.archfixtures.mcpusesrest.mcp;

import dev.todo.archfixtures.mcpusesrest.rest.ItemJson;

public final class ItemTools {
    // Violation (rule 9): the MCP adapter borrows the REST adapter's JSON.
    public ItemJson addTool(String name) {
        return new ItemJson(name);
    }
}
