package dev.todo.app;

import dev.todo.domain.model.TenantId;
import dev.todo.mcp.McpHost;
import dev.todo.rest.api.RequestLog;
import dev.todo.rest.error.ProblemException;
import dev.todo.rest.tenant.TenantResolver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the MCP adapter gets from the service (ADR 0040): the REST API's identity (the same {@link TenantResolver}, so
 * the same tenant for the same token or header), TODO_CORS_ORIGINS as the origins allowed, a cursor key derived from
 * the deployment's key, and the metrics and log of tool calls. In jwt mode a request without a valid token is 401 with
 * a challenge that names the protected resource's metadata ({@link ProtectedResource}), as MCP's authorization asks.
 * What a POST called (JSON-RPC method, tool) goes to REST's {@link RequestLog}, for the request's log line.
 */
@Singleton
final class McpAccess implements McpHost {

    /** What the MCP list cursors' key is derived from the token key for. */
    static final String CURSOR_PURPOSE = "todo/mcp-cursor/v1";

    private static final Logger LOG = LoggerFactory.getLogger("todo.mcp");

    private final TenantResolver resolver;
    private final List<String> origins;
    private final byte[] cursorKey;
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    McpAccess(TenantResolver resolver, Settings settings, TokenSecrets.Key key, MeterRegistry registry) {
        this.resolver = resolver;
        this.origins = settings.corsOrigins();
        this.cursorKey = TokenSecrets.derive(key.bytes(), CURSOR_PURPOSE);
        this.registry = registry;
    }

    @Override
    public TenantId tenant(HttpRequest<?> request) {
        TenantId tenant;
        try {
            tenant = resolver.resolve(request);
        } catch (ProblemException e) {
            if (e.status() != HttpStatus.UNAUTHORIZED) {
                throw e;
            }
            throw withResourceMetadata(e, request);
        }
        request.setAttribute(TenantResolver.ATTRIBUTE, tenant);
        return tenant;
    }

    /** The 401 with {@code resource_metadata} added to its {@code Bearer} challenge (RFC 9728, section 5.1). */
    private static ProblemException withResourceMetadata(ProblemException e, HttpRequest<?> request) {
        Map<String, String> headers = new HashMap<>(e.headers());
        String challenge = headers.getOrDefault(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        String metadata = "resource_metadata=\"" + ProtectedResource.base(request) + ProtectedResource.PATH + "\"";
        headers.put(HttpHeaders.WWW_AUTHENTICATE, challenge.equals("Bearer") ? "Bearer " + metadata
                : challenge + ", " + metadata);
        return new ProblemException(e.status(), e.code(), e.detail(), e.fieldErrors(), headers);
    }

    @Override
    public void requested(HttpRequest<?> request, String call) {
        request.setAttribute(RequestLog.CALL_ATTRIBUTE, call);
    }

    @Override
    public boolean allowsOrigin(String origin) {
        return origins.contains("*") || origins.contains(origin);
    }

    @Override
    public byte[] cursorKey() {
        return cursorKey.clone();
    }

    @Override
    public void toolCalled(String tool, String outcome, Duration duration) {
        timers.computeIfAbsent(tool + "\n" + outcome, ignored -> Timer.builder("todo.mcp.tool.calls")
                        .description("MCP tool calls, by tool and outcome (ok, an error code, INVALID_PARAMS)")
                        .tag("tool", tool).tag("outcome", outcome).register(registry))
                .record(duration);
        if (LOG.isInfoEnabled()) {
            long millis = duration.toMillis();
            LOG.atInfo().addKeyValue("tool", tool).addKeyValue("outcome", outcome).addKeyValue("duration_ms", millis)
                    .log("tool {} {} {}ms", tool, outcome, millis);
        }
    }
}
