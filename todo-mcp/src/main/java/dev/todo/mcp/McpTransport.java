package dev.todo.mcp;

import io.micronaut.core.annotation.Nullable;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import reactor.core.publisher.Mono;

/**
 * The SDK's side of the transport: the server hands it its handler, which {@link McpEndpoint} calls with each
 * request and the caller's transport context. It holds no connection: the HTTP server does.
 */
final class McpTransport implements McpStatelessServerTransport {

    private volatile @Nullable McpStatelessServerHandler handler;

    @Override
    public void setMcpHandler(McpStatelessServerHandler mcpHandler) {
        this.handler = mcpHandler;
    }

    McpStatelessServerHandler handler() {
        McpStatelessServerHandler current = handler;
        if (current == null) {
            throw new IllegalStateException("no MCP server uses this transport");
        }
        return current;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }
}
