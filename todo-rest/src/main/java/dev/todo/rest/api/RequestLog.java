package dev.todo.rest.api;

import dev.todo.domain.model.TenantId;
import dev.todo.rest.error.Problem;
import dev.todo.rest.tenant.TenantResolver;
import io.micronaut.context.propagation.slf4j.MdcPropagationContext;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.reactivestreams.Publisher;
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
@Filter(Filter.MATCH_ALL_PATTERN)
final class RequestLog implements HttpServerFilter {

    /** The header that carries the request id, both ways. */
    static final String HEADER = "X-Request-Id";
    /** The MDC key of the request id. */
    static final String MDC_KEY = "request_id";

    private static final Logger LOG = LoggerFactory.getLogger("todo.requests");
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@|/+=-]{1,128}");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String given = request.getHeaders().get(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        long start = System.nanoTime();
        PropagatedContext context = PropagatedContext.getOrEmpty()
                .plus(new MdcPropagationContext(Map.of(MDC_KEY, id)));
        try (PropagatedContext.Scope ignored = context.propagate()) {
            return Publishers.map(chain.proceed(request), response -> finish(request, response, id, start));
        }
    }

    private static MutableHttpResponse<?> finish(HttpRequest<?> request, MutableHttpResponse<?> response, String id,
                                                 long start) {
        response.getHeaders().set(HEADER, id);
        if (response.getBody().orElse(null) instanceof Problem problem) {
            response.body(problem.withRequestId(id));
        }
        if (LOG.isInfoEnabled()) {
            try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_KEY, id)) {
                LOG.info("{} {} {} {}ms tenant={}", request.getMethodName(),
                        BasicHttpAttributes.getUriTemplate(request).map(RouteTemplates::plain).orElse("-"),
                        response.code(),
                        (System.nanoTime() - start) / 1_000_000,
                        request.getAttribute(TenantResolver.ATTRIBUTE, TenantId.class).map(RequestLog::hash)
                                .orElse("-"));
            }
        }
        return response;
    }

    /** A short, stable, one-way name for a tenant: enough to group its requests, not to learn who it is. */
    static String hash(TenantId tenant) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tenant.value().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
