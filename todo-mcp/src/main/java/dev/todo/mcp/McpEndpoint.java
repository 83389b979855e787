package dev.todo.mcp;

import dev.todo.domain.model.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP's Streamable HTTP transport at {@code /mcp}, stateless: each POST carries one JSON-RPC request (answered with
 * one {@code application/json} response) or a notification or response (202, no body). There is no session and no
 * server-sent stream: GET and DELETE are 405, as the transport allows a server that offers neither. Before anything
 * else, the {@code Origin} header (DNS-rebinding protection) and {@code MCP-Protocol-Version} are checked and the
 * caller's tenant resolved ({@link McpHost}); the request's identity is the tenant, for every tool.
 */
@Controller(McpEndpoint.PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
final class McpEndpoint {

    /** Where the transport is served. */
    static final String PATH = "/mcp";
    /** The header in which a client names the protocol revision it negotiated. */
    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    /** The revisions this server speaks (those of the SDK's stateless transport). */
    static final List<String> VERSIONS = List.of(ProtocolVersions.MCP_2025_03_26, ProtocolVersions.MCP_2025_06_18,
            ProtocolVersions.MCP_2025_11_25);
    /** The revision assumed when a request names none, as the transport says. */
    static final String DEFAULT_VERSION = ProtocolVersions.MCP_2025_03_26;

    /** The characters and length a method or tool name is logged with. */
    static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./-]{1,64}");

    private static final Logger LOG = LoggerFactory.getLogger(McpEndpoint.class);

    private final McpHost host;
    private final McpTransport transport;
    private final McpJsonMapper json;

    McpEndpoint(McpHost host, McpTransport transport, McpJsonMapper json) {
        this.host = host;
        this.transport = transport;
        this.json = json;
    }

    /** One JSON-RPC message. */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<?> post(HttpRequest<?> request, @Nullable @Body byte[] body) {
        HttpResponse<?> refused = refused(request);
        if (refused != null) {
            return refused;
        }
        TenantId tenant = host.tenant(request);
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json,
                    new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return error(HttpStatus.BAD_REQUEST, McpSchema.ErrorCodes.PARSE_ERROR,
                    "The body is not a JSON-RPC message");
        }
        host.requested(request, call(message));
        McpSchema.JSONRPCResponse response = transport.handle(
                McpTransportContext.create(Map.of(TodoTools.TENANT, tenant)), message);
        // Null for a notification, or a response to a request this server never sends: accepted, nothing to answer.
        return response == null ? HttpResponse.accepted() : json(HttpStatus.OK, response);
    }

    /**
     * What a message asks for, for the request log: its method and, for {@code tools/call}, the tool's name; a
     * response is {@code response}. A name outside {@link #SAFE} (a client may send anything) is {@code ?}, so that
     * the log line stays one line of bounded length.
     */
    static String call(McpSchema.JSONRPCMessage message) {
        if (message instanceof McpSchema.JSONRPCRequest call) {
            String method = safe(call.method());
            if (McpSchema.METHOD_TOOLS_CALL.equals(call.method()) && call.params() instanceof Map<?, ?> params) {
                return method + " " + safe(params.get("name"));
            }
            return method;
        }
        if (message instanceof McpSchema.JSONRPCNotification notification) {
            return safe(notification.method());
        }
        return "response";
    }

    private static String safe(@Nullable Object name) {
        return name instanceof String text && SAFE.matcher(text).matches() ? text : "?";
    }

    /** No server-sent stream: 405, as the transport allows. */
    @Get
    HttpResponse<?> stream() {
        return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST");
    }

    /** No session to end: 405, as the transport allows. */
    @Delete
    HttpResponse<?> endSession() {
        return HttpResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST");
    }

    /**
     * 403 for an {@code Origin} not allowed (a page of another site reaching a local server through DNS
     * rebinding), 400 for a protocol revision this server does not speak; otherwise null.
     */
    private @Nullable HttpResponse<?> refused(HttpRequest<?> request) {
        String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (origin != null && !host.allowsOrigin(origin)) {
            return error(HttpStatus.FORBIDDEN, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Origin not allowed");
        }
        String version = request.getHeaders().get(PROTOCOL_VERSION);
        if (version != null && !VERSIONS.contains(version)) {
            return error(HttpStatus.BAD_REQUEST, McpSchema.ErrorCodes.INVALID_REQUEST,
                    "Unsupported MCP-Protocol-Version; this server speaks " + String.join(", ", VERSIONS));
        }
        return null;
    }

    /**
     * A JSON-RPC error answered before any request was read: {@code id} null, as JSON-RPC has it when the request's id
     * is not known (the SDK's response type refuses a null id, so it is written as a map).
     */
    private HttpResponse<?> error(HttpStatus status, int code, String message) {
        return json(status, McpTransport.error(null, code, message));
    }

    private HttpResponse<?> json(HttpStatus status, @Nullable Object value) {
        try {
            return HttpResponse.status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(json.writeValueAsBytes(value));
        } catch (IOException e) {
            LOG.error("Cannot write a JSON-RPC answer", e);
            return HttpResponse.serverError();
        }
    }
}
