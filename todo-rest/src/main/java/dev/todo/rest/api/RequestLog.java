package dev.todo.rest.api;

import dev.todo.domain.model.TenantId;
import dev.todo.rest.error.Problem;
import dev.todo.rest.error.UndecodableRequest;
import dev.todo.rest.tenant.TenantResolver;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Gives every request an id and logs it once. The id is the client's {@code X-Request-Id} when that is a safe string
 * of at most 128 characters, a new UUID otherwise; it goes back in the {@code X-Request-Id} response header, into
 * every log line written while the request is served (MDC {@code request_id}, propagated to the thread that runs the
 * handler), and into problem bodies ({@code request_id}). The log line has the method, the route template (not the
 * path, which may hold a tenant), the status, the duration and a hash of the tenant, never the tenant itself.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestLog implements Ordered {

    /** The header that carries the request id, both ways. */
    static final String HEADER = "X-Request-Id";

    private static final Logger LOG = LoggerFactory.getLogger("todo.requests");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@|/+=-]{1,128}");
    private static final String START = RequestLog.class.getName() + ".start";
    /** Tenant hashes of recent tenants: hashing is the dearest part of a log line. Emptied when it grows big. */
    private static final int HASHES_KEPT = 10_000;
    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();

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
        context.add(new MdcPropagationContext(Map.of(Problem.REQUEST_ID_LOG_KEY, id)));
    }

    /** Last of all filters, for every response, errors included. */
    @ResponseFilter
    void end(HttpRequest<?> request, MutableHttpResponse<?> response) {
        String id = request.getAttribute(Problem.REQUEST_ID_ATTRIBUTE, String.class)
                .orElseGet(() -> UUID.randomUUID().toString());
        long start = request.getAttribute(START, Long.class).orElseGet(System::nanoTime);
        finish(request, response, id, start);
    }

    private static void finish(HttpRequest<?> request, MutableHttpResponse<?> response, String id, long start) {
        response.getHeaders().set(HEADER, id);
        if (response.getBody().orElse(null) instanceof Problem problem) {
            response.body(problem.withRequestId(id));
        }
        if (LOG.isInfoEnabled()) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(Problem.REQUEST_ID_LOG_KEY, id)) {
                LOG.info("{} {} {} {}ms tenant={}", request.getMethodName(),
                        BasicHttpAttributes.getUriTemplate(request).map(RouteTemplates::plain).orElse("-"),
                        response.code(),
                        (System.nanoTime() - start) / 1_000_000,
                        request.getAttribute(TenantResolver.ATTRIBUTE, TenantId.class).map(RequestLog::hash)
                                .orElse("-"));
            }
        }
    }

    /**
     * Requests that could not be decoded are answered without filters: they get an id and their line here (with no
     * route, as none was matched).
     */
    @Singleton
    static final class Undecodable implements ApplicationEventListener<UndecodableRequest> {
        @Override
        public void onApplicationEvent(UndecodableRequest event) {
            String id = UUID.randomUUID().toString();
            event.request().setAttribute(Problem.REQUEST_ID_ATTRIBUTE, id);
            finish(event.request(), event.response(), id, System.nanoTime());
        }
    }

    /** A short, stable, one-way name for a tenant: enough to group its requests, not to learn who it is. */
    static String hash(TenantId tenant) {
        String hash = HASHES.get(tenant.value());
        if (hash == null) {
            if (HASHES.size() >= HASHES_KEPT) {
                HASHES.clear();
            }
            hash = sha256(tenant);
            HASHES.put(tenant.value(), hash);
        }
        return hash;
    }

    private static String sha256(TenantId tenant) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tenant.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
