package dev.todo.archfixtures.restusesmcp.rest;

import dev.todo.archfixtures.restusesmcp.mcp.ItemTools;

public final class ItemController {
    // Violation (rule 9): only the application may know the MCP adapter.
    public String add(String name) {
        return new ItemTools().addTool(name);
    }
}
