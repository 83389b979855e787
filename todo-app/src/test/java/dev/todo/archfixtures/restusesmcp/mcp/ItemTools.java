package dev.todo.archfixtures.restusesmcp.mcp;

public final class ItemTools {
    public String addTool(String name) {
        return name;
    }
}
