package dev.todo.rest.api;

import dev.todo.domain.model.TenantId;
import dev.todo.rest.error.Problem;
import dev.todo.rest.error.UndecodableRequest;
import dev.todo.rest.tenant.TenantResolver;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteMatch;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id (the client's safe {@code X-Request-Id}, else a new UUID), sent back, put in every log
 * line and problem body of the request, and logs the request once: method, route template, status, duration and a
 * keyed hash of the tenant ({@link TenantHashes}), never the path or the tenant itself. A request that names what it
 * called in {@link #CALL_ATTRIBUTE} (an MCP POST: {@code tools/call add_task}) has it in its line too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestLog implements Ordered {

    /**
     * The request attribute (a String) that names what a request called inside its route, for its log line as
     * {@code mcp=...} and the field {@code mcp}: set by the application for {@code /mcp} (the JSON-RPC method and
     * tool). Only a name, never arguments: the value is logged as it is.
     */
    public static final String CALL_ATTRIBUTE = "todo.request-log.mcp";

    /** The header that carries the request id, both ways. */
    static final String HEADER = "X-Request-Id";

    private static final Logger LOG = LoggerFactory.getLogger("todo.requests");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@|/+=-]{1,128}");
    private static final String START = RequestLog.class.getName() + ".start";

    private final TenantHashes tenantHashes;
    private final Router router;

    RequestLog(TenantHashes tenantHashes, Router router) {
        this.tenantHashes = tenantHashes;
        this.router = router;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** First of all filters: the request's id, in the request and in the context every handler thread gets. */
    @RequestFilter
    void begin(HttpRequest<?> request, MutablePropagatedContext context) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setAttribute(Problem.REQUEST_ID_ATTRIBUTE, id);
        request.setAttribute(START, System.nanoTime());
        context.add(new RequestIdInLogs(id));
        if (BasicHttpAttributes.getUriTemplate(request).isEmpty()) {
            refusedRoute(request).ifPresent(route -> BasicHttpAttributes.setUriTemplate(request, route));
        }
    }

    /** The route a request refused for its media types (406, 415) was meant for, to name it in the log and metrics. */
    private Optional<String> refusedRoute(HttpRequest<?> request) {
        List<UriRouteMatch<Object, Object>> routes = router.findAny(request);
        return routes.stream()
                .filter(route -> route.getRouteInfo().getHttpMethodName().equals(request.getMethodName()))
                .map(route -> route.getRouteInfo().getUriMatchTemplate().toPathString())
                .findFirst();
    }

    /** Last of all filters, for every response, errors included. */
    @ResponseFilter
    void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = request.getAttribute(Problem.REQUEST_ID_ATTRIBUTE, String.class)
                .orElseGet(() -> UUID.randomUUID().toString());
        long start = request.getAttribute(START, Long.class).orElseGet(System::nanoTime);
        finish(request, response, id, start);
    }

    private void finish(HttpRequest<?> request, MutableHttpResponse<?> response, String id, long start) {
        response.getHeaders().set(HEADER, id);
        if (response.getBody().orElse(null) instanceof Problem problem) {
            response.body(problem.withRequestId(id));
        }
        if (LOG.isInfoEnabled()) {
            String method = request.getMethodName();
            String route = BasicHttpAttributes.getUriTemplate(request).map(RouteTemplates::plain).orElse("-");
            int status = response.code();
            long millis = (System.nanoTime() - start) / 1_000_000;
            String tenant = request.getAttribute(TenantResolver.ATTRIBUTE, TenantId.class).map(tenantHashes::of)
                    .orElse("-");
            String call = request.getAttribute(CALL_ATTRIBUTE, String.class).orElse(null);
            try (MDC.MDCCloseable ignored = MDC.putCloseable(Problem.REQUEST_ID_LOG_KEY, id)) {
                // The same values twice: in the message, for the text format, and as key-value pairs, which the
                // JSON format writes as fields of their own (JsonLogEncoder).
                var line = LOG.atInfo()
                        .addKeyValue("method", method)
                        .addKeyValue("route", route)
                        .addKeyValue("status", status)
                        .addKeyValue("duration_ms", millis)
                        .addKeyValue("tenant", tenant);
                if (call == null) {
                    line.log("{} {} {} {}ms tenant={}", method, route, status, millis, tenant);
                } else {
                    line.addKeyValue("mcp", call)
                            .log("{} {} {} {}ms tenant={} mcp=\"{}\"", method, route, status, millis, tenant, call);
                }
            }
        }
    }

    /**
     * Requests that could not be decoded are answered without filters: they get an id and their line here (with no
     * route, as none was matched).
     */
    @Singleton
    static final class Undecodable implements ApplicationEventListener<UndecodableRequest> {
        private final RequestLog log;

        Undecodable(RequestLog log) {
            this.log = log;
        }

        @Override
        public void onApplicationEvent(UndecodableRequest event) {
            String id = UUID.randomUUID().toString();
            event.request().setAttribute(Problem.REQUEST_ID_ATTRIBUTE, id);
            log.finish(event.request(), event.response(), id, System.nanoTime());
        }
    }
}
