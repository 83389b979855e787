package dev.todo.rest.api;

import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.ProblemResponses;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Answers 400 {@code HOST_NOT_ALLOWED} to a request whose {@code Host} is not in {@code todo.http.allowed-hosts}
 * (against DNS rebinding; ADR 0025). {@code /health} answers any name, and a request without {@code Host} passes.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class AllowedHosts implements Ordered {

    private final List<String> hosts;
    private final boolean any;

    AllowedHosts(@Value("${todo.http.allowed-hosts:*}") String hosts) {
        this.hosts = Arrays.stream(hosts.split(",")).map(String::strip).filter(h -> !h.isEmpty())
                .map(h -> h.toLowerCase(Locale.ROOT)).map(AllowedHosts::unbracketed).toList();
        this.any = this.hosts.isEmpty() || this.hosts.contains("*");
    }

    /** Right after the request log, so that the refusal has a request id. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        if (any || request.getPath().equals("/health") || request.getPath().startsWith("/health/")) {
            return null;
        }
        List<String> given = request.getHeaders().getAll(HttpHeaders.HOST);
        if (given.isEmpty()) {
            return null;
        }
        if (given.size() == 1 && allowed(name(given.get(0)))) {
            return null;
        }
        return ProblemResponses.problem(ErrorCode.HOST_NOT_ALLOWED, "The Host header names a host this service does "
                + "not answer for (TODO_ALLOWED_HOSTS).");
    }

    private boolean allowed(String name) {
        for (String host : hosts) {
            if (host.equals(name) || (host.startsWith("*.") && name.endsWith(host.substring(1))
                    && name.length() > host.length() - 1)) {
                return true;
            }
        }
        return false;
    }

    /** The host of a Host header: without its port and IPv6 brackets, lowercase, without a final dot. */
    static String name(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(1, end);
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0 && colon == h.lastIndexOf(':')) {
                h = h.substring(0, colon);
            }
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
