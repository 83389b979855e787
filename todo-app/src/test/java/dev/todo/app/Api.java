package dev.todo.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A real HTTP client (the JDK's) for the end-to-end tests, with the little JSON help they need. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;

    Api(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    /** A response: status, headers and the body as text and, when it is JSON, as a tree. */
    record Response(int status, HttpResponse<String> raw) {

        String body() {
            return raw.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        /** @return the header's values joined with ", " (a header may come as several fields), if present */
        Optional<String> header(String name) {
            List<String> values = raw.headers().allValues(name);
            return values.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", values));
        }

        String contentType() {
            return header("Content-Type").orElse("");
        }
    }

    /** A request being built: method, path, headers, body. */
    final class Call {
        private final String method;
        private final String path;
        private final List<String> headers = new ArrayList<>();
        private byte[] body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call header(String name, String value) {
            headers.add(name);
            headers.add(value);
            return this;
        }

        Call tenant(String tenant) {
            return header("X-User-ID", tenant);
        }

        Call json(String json) {
            return body(json.getBytes(StandardCharsets.UTF_8), "application/json");
        }

        Call body(byte[] bytes, String contentType) {
            this.body = bytes;
            return contentType == null ? this : header("Content-Type", contentType);
        }

        Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(20))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (!headers.isEmpty()) {
                request.headers(headers.toArray(String[]::new));
            }
            try {
                HttpResponse<String> response = CLIENT.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(response.statusCode(), response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Call get(String path) {
        return new Call("GET", path);
    }

    Call post(String path) {
        return new Call("POST", path);
    }

    Call patch(String path) {
        return new Call("PATCH", path);
    }

    Call delete(String path) {
        return new Call("DELETE", path);
    }

    Call method(String method, String path) {
        return new Call(method, path);
    }

    /** Creates a todo and returns its JSON, failing the test if the API does not answer 201. */
    JsonNode create(String tenant, String json) {
        Response response = post("/api/v1/todos").tenant(tenant).json(json).send();
        if (response.status() != 201) {
            throw new AssertionError("create answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }

    /** The tenant's todos, as the list route returns them. */
    JsonNode list(String tenant) {
        Response response = get("/api/v1/todos").tenant(tenant).send();
        if (response.status() != 200) {
            throw new AssertionError("list answered " + response.status() + ": " + response.body());
        }
        return response.json();
    }
}
