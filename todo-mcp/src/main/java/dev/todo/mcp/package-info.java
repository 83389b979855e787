/**
 * The MCP adapter: the todos as Model Context Protocol tools, over Streamable HTTP at {@code /mcp} and over
 * standard input/output for one tenant ({@link dev.todo.mcp.McpStdio}), calling todo-domain's in-ports as todo-rest
 * does (ADR 0040). The tenant is the caller's identity, which the application supplies
 * ({@link dev.todo.mcp.McpHost}); no tool takes it as an argument.
 */
package dev.todo.mcp;
