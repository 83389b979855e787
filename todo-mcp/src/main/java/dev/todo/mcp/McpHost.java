package dev.todo.mcp;

import dev.todo.domain.model.TenantId;
import io.micronaut.http.HttpRequest;
import java.time.Duration;

/**
 * What the application that serves {@code /mcp} supplies: the caller's identity, the origins it trusts, a key for
 * list cursors, and where tool calls are counted. todo-app implements it with what REST uses (its tenant resolver,
 * TODO_CORS_ORIGINS, the deployment's key, its metrics and log), so that this adapter needs nothing of todo-rest.
 */
public interface McpHost {

    /**
     * The tenant the request acts for: the same identity as REST's (the bearer token's {@code sub}, or
     * {@code X-User-ID}).
     *
     * @throws RuntimeException the application's own, answered as the application answers it (401, 403), when the
     *     request names no tenant or names one wrongly
     */
    TenantId tenant(HttpRequest<?> request);

    /** Whether a request sent with this {@code Origin} header (a browser's page's origin) may be served. */
    boolean allowsOrigin(String origin);

    /** The key that signs list cursors (at least 32 bytes; replicas that share it accept each other's cursors). */
    byte[] cursorKey();

    /**
     * One tool call has ended, for the metrics and the log: its tool, its outcome ({@code ok}, an error code such as
     * {@code VALIDATION_ERROR}, or {@code INVALID_PARAMS} for a malformed call) and how long it took. Never the
     * arguments: they hold titles and descriptions.
     */
    void toolCalled(String tool, String outcome, Duration duration);

    /**
     * What a POST to {@code /mcp} asked for, for the application's request log: the JSON-RPC method and, for
     * {@code tools/call}, the tool ({@code tools/call add_task}), each of a few safe characters. Never the arguments
     * or a resource's URI. Nothing by default; todo-app puts it where its request log reads it.
     */
    default void requested(HttpRequest<?> request, String call) {
        // A host without a request log has nothing to do with it.
    }
}
