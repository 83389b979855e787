package dev.todo.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.todo.domain.port.in.AllOrNothingUseCase;
import dev.todo.domain.port.in.CreateTodoUseCase;
import dev.todo.domain.port.in.DeleteTodoUseCase;
import dev.todo.domain.port.in.GetTodoUseCase;
import dev.todo.domain.port.in.ListTodosUseCase;
import dev.todo.domain.port.in.UpdateTodoUseCase;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the SDK's stateless server with the tools and the resource template {@code todo://tasks/{id}}
 * ({@link TaskResources}), on {@link McpTransport}: tool calls run on the request's thread (no scheduler of the SDK's
 * own), and the input schemas are checked by {@link TodoTools} (a mismatch is a JSON-RPC error, not a tool result).
 */
@Factory
class McpServerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(McpServerFactory.class);

    /** The JSON the SDK reads and writes: Jackson 2, which its protocol types are annotated for. */
    @Singleton
    McpJsonMapper mcpJsonMapper() {
        return new JacksonMcpJsonMapper(new ObjectMapper());
    }

    /** The transport, with the server built on it (the server lives on in the handler it gave the transport). */
    @Singleton
    McpTransport mcpTransport(McpJsonMapper json, McpHost host,
                                     CreateTodoUseCase create, ListTodosUseCase list, GetTodoUseCase get,
                                     UpdateTodoUseCase update, DeleteTodoUseCase delete,
                                     AllOrNothingUseCase together,
                                     @Value("${todo.version:dev}") String version) {
        JsonSchemaValidator validator = new DefaultJsonSchemaValidator();
        TodoTools tools = new TodoTools(create, list, get, update, delete, together, host, json, validator,
                Clock.systemUTC());
        McpTransport transport = new McpTransport();
        McpStatelessSyncServer server = McpServer.sync(transport)
                .serverInfo("todo", version)
                .instructions("The caller's todos. The caller is the tenant: no tool takes a user id. Tools that "
                        + "change todos take one task, or a list of up to 50 (tasks), done all or nothing. "
                        + "A todo can also be read as the resource todo://tasks/{id}.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).resources(false, false).build())
                .jsonMapper(json)
                .jsonSchemaValidator(validator)
                .validateToolInputs(false)
                .immediateExecution(true)
                .tools(tools.specifications())
                .resourceTemplates(new TaskResources(get, json).templates())
                .build();
        LOG.debug("MCP server {} ready", server.getServerInfo().name());
        return transport;
    }
}
