package dev.todo.mcp;

import dev.todo.domain.model.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MCP's stdio transport for one tenant: newline-delimited JSON-RPC messages read from an input (the process's
 * standard input), each request answered with one line of JSON on an output (its standard output). It drives the
 * same stateless server, with the same tools and handler, as {@link McpEndpoint} does over HTTP (ADR 0040, addendum):
 * the tenant is fixed for the whole run, where HTTP resolves it per request. Messages are handled one after another,
 * in the order they arrive; a notification is handled and not answered, a response from the client (this server
 * sends no requests) is ignored, and a line that is not a JSON-RPC message is answered with a parse error whose
 * {@code id} is null. {@link #serve} returns when the input ends.
 */
@Singleton
public final class McpStdio {

    private static final Logger LOG = LoggerFactory.getLogger(McpStdio.class);

    private final McpTransport transport;
    private final McpJsonMapper json;

    McpStdio(McpTransport transport, McpJsonMapper json) {
        this.transport = transport;
        this.json = json;
    }

    /**
     * Serves the messages read from {@code in} for {@code tenant}, writing the answers to {@code out} (UTF-8, one
     * line each, flushed), until {@code in} ends.
     *
     * @return how many messages were read
     * @throws UncheckedIOException when the input cannot be read or the output cannot be written (the client went
     *     away)
     */
    public long serve(TenantId tenant, InputStream in, OutputStream out) {
        McpTransportContext context = McpTransportContext.create(Map.of(TodoTools.TENANT, tenant));
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        long messages = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                messages++;
                Object answer = answer(context, line);
                if (answer != null) {
                    writer.write(json.writeValueAsString(answer));
                    writer.write('\n');
                    writer.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.debug("Standard input closed after {} messages", messages);
        return messages;
    }

    /** The answer to one line: a response to a request, a parse error, or null (a notification or a response). */
    private @Nullable Object answer(McpTransportContext context, String line) {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, line);
        } catch (IOException | RuntimeException e) {
            return McpTransport.error(null, McpSchema.ErrorCodes.PARSE_ERROR, "The line is not a JSON-RPC message");
        }
        try {
            return transport.handle(context, message);
        } catch (RuntimeException e) {
            // The handler answers a failure of its own as an error response; this is what escaped it.
            if (message instanceof McpSchema.JSONRPCRequest request) {
                LOG.error("MCP request {} failed", request.method(), e);
                return McpTransport.error(request.id(), McpSchema.ErrorCodes.INTERNAL_ERROR, "Internal error");
            }
            LOG.warn("MCP {} failed: {}", McpEndpoint.call(message), e.toString());
            return null;
        }
    }
}
