package dev.todo.archfixtures.mcpusespersistence.mcp;

import dev.todo.archfixtures.mcpusespersistence.persistence.ItemRows;

public final class ItemTools {
    // Violation (rule 9): the MCP adapter reads the storage itself.
    public int countTool(ItemRows rows) {
        return rows.count();
    }
}
