package dev.todo.rest.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers every response carries: browsers must not guess a content type ({@code nosniff}), and nothing an API
 * route answers — todos, errors — may be stored by a cache ({@code no-store}), since it belongs to one tenant.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders {

    @ResponseFilter
    void addTo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        if (request.getPath().startsWith("/api/")) {
            response.getHeaders().set("Cache-Control", "no-store");
        }
    }
}
