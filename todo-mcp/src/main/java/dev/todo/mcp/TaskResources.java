package dev.todo.mcp;

import dev.todo.domain.model.StorageUnavailableException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.port.in.GetTodoUseCase;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpStatelessServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceRequest;
import io.modelcontextprotocol.spec.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.spec.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.spec.McpSchema.TextResourceContents;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resource template {@code todo://tasks/{id}}: one of the caller's todos, as {@code get_task} returns it
 * ({@link TaskJson}), read for the caller's tenant (taken from the transport context, as the tools take it). An id
 * that is not a todo of the caller's (another tenant's, deleted, unknown, or not an id at all) is MCP's
 * "Resource not found" ({@code -32002}, the uri in {@code data}), the same answer for each, so that a reader learns
 * nothing of other tenants' ids. There are no fixed resources: {@code resources/list} is empty, and listing the
 * todos is {@code list_tasks}' work (ADR 0040, addendum).
 */
final class TaskResources {

    /** The template's URI: the todo's id in place of {@code {id}}. */
    static final String TEMPLATE = "todo://tasks/{id}";
    /** What every URI of the template starts with. */
    static final String PREFIX = "todo://tasks/";
    /** What a todo is read as. */
    static final String MIME_TYPE = "application/json";

    private static final Logger LOG = LoggerFactory.getLogger(TaskResources.class);

    private final GetTodoUseCase getTodo;
    private final McpJsonMapper json;

    TaskResources(GetTodoUseCase getTodo, McpJsonMapper json) {
        this.getTodo = getTodo;
        this.json = json;
    }

    /** The template with its reader. */
    List<SyncResourceTemplateSpecification> templates() {
        ResourceTemplate template = ResourceTemplate.builder(TEMPLATE, "task")
                .title("A task")
                .description("One of your todos, by its id, as JSON: the members get_task returns (id, title, "
                        + "description, is_completed, due, priority, tags, recurrence, ...).")
                .mimeType(MIME_TYPE)
                .build();
        return List.of(new SyncResourceTemplateSpecification(template, this::read));
    }

    /** The caller's todo that {@code request}'s URI names, or -32002 when it names none of the caller's. */
    ReadResourceResult read(McpTransportContext context, ReadResourceRequest request) {
        String uri = request.uri();
        TenantId tenant = (TenantId) context.get(TodoTools.TENANT);
        if (tenant == null) {
            throw new IllegalStateException("a resource read without a tenant");
        }
        if (uri == null || !uri.startsWith(PREFIX)) {
            throw notFound(uri);
        }
        Todo todo;
        try {
            todo = getTodo.get(tenant, TodoId.parse(uri.substring(PREFIX.length())));
        } catch (ValidationException | TodoNotFoundException e) {
            throw notFound(uri);
        } catch (StorageUnavailableException e) {
            LOG.warn("Database unavailable: {}", e.getCause() == null ? e.getMessage() : e.getCause().toString());
            throw McpError.builder(McpSchema.ErrorCodes.INTERNAL_ERROR)
                    .message("The service cannot reach its database. Retry later.").build();
        }
        String text;
        try {
            text = json.writeValueAsString(TaskJson.of(todo));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a todo as JSON", e);
        }
        return new ReadResourceResult(List.of(new TextResourceContents(uri, MIME_TYPE, text)));
    }

    /** MCP's "Resource not found": {@code -32002}, with the URI asked for in {@code data}. */
    private static McpError notFound(String uri) {
        return McpError.RESOURCE_NOT_FOUND.apply(uri == null ? "" : uri);
    }
}
