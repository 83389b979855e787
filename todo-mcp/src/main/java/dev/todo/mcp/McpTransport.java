package dev.todo.mcp;

import io.micronaut.core.annotation.Nullable;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpStatelessServerHandler;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpStatelessServerTransport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * The SDK's side of the transport: the server hands it its handler, and {@link #handle} gives it each message with
 * the caller's transport context, for both transports ({@link McpEndpoint} over HTTP, {@link McpStdio} over standard
 * input and output). It holds no connection: the HTTP server or the process does.
 */
final class McpTransport implements McpStatelessServerTransport {

    /** The methods whose params the SDK reads as an object, which they must then be. */
    static final Set<String> NEED_PARAMS = Set.of(McpSchema.METHOD_TOOLS_CALL, McpSchema.METHOD_RESOURCES_READ,
            McpSchema.METHOD_PROMPT_GET, McpSchema.METHOD_COMPLETION_COMPLETE, McpSchema.METHOD_INITIALIZE);

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

    /**
     * Handles one message for the caller the context names: the response to a request, or null for a notification
     * (handled, not answered) and for a response (this server sends no requests). A request of a method in
     * {@link #NEED_PARAMS} without a params object is answered {@code -32602} without reaching the SDK, which reads
     * those params without a check and would fail with no JSON-RPC answer.
     */
    @Nullable McpSchema.JSONRPCResponse handle(McpTransportContext context, McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest request) {
            if (NEED_PARAMS.contains(request.method()) && !(request.params() instanceof Map)) {
                return McpSchema.JSONRPCResponse.error(request.id(), new McpSchema.JSONRPCResponse.JSONRPCError(
                        McpSchema.ErrorCodes.INVALID_PARAMS, request.method() + " needs params, an object"));
            }
            return handler().handleRequest(context, request)
                    .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                    .block();
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            handler().handleNotification(context, notification)
                    .contextWrite(ctx -> ctx.put(McpTransportContext.KEY, context))
                    .block();
        }
        return null;
    }

    /**
     * A JSON-RPC error response, written as a map: the SDK's response type refuses the null {@code id} that JSON-RPC
     * asks for when the request's id is not known (a message that could not be read).
     */
    static Map<String, Object> error(@Nullable Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("jsonrpc", McpSchema.JSONRPC_VERSION);
        response.put("id", id);
        response.put("error", error);
        return response;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }
}
