package dev.todo.rest.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;

/**
 * Published (synchronously) when the server answers a request that could not be decoded as HTTP — a bare LF, a
 * control character in a header, two Content-Lengths, ambiguous framing, a compressed body. The server answers those
 * without running any filter, so the request log and the metrics, which are filters, would not see them: they listen
 * to this instead, and may still change the response (its request id).
 */
public record UndecodableRequest(HttpRequest<?> request, MutableHttpResponse<?> response) {
}
