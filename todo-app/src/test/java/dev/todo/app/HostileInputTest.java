package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Oversized or broken requests, sent as raw bytes: each gets a problem response (or a closed connection), never a
 * crash, and the service keeps serving others.
 */
class HostileInputTest {

    private final Api api = TestApp.api();
    private final URI base = TestApp.api().base();

    /** Sends raw bytes and returns whatever the server answers before it closes the connection. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException closedOrSlow) {
                // what arrived so far is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertProblem(String response, int status, String errorCode) {
        assertThat(response).startsWith("HTTP/1.");
        assertThat(response.substring(9, 12)).as(response).isEqualTo(Integer.toString(status));
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(response).contains("\"error_code\":\"" + errorCode + "\"");
    }

    @AfterEach
    void theServiceStillServes() {
        assertThat(api.get("/api/v1/todos").tenant(TestApp.newTenant()).send().status()).isEqualTo(200);
    }

    @Test
    void aRequestLineOver8KiBIs414() throws IOException {
        String response = raw("GET /api/v1/todos/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\nX-User-ID: a\r\n"
                + "Connection: close\r\n\r\n");
        assertProblem(response, 414, "URI_TOO_LONG");
    }

    @Test
    void aHeaderOver16KiBIs431() throws IOException {
        String response = raw("GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: a\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertProblem(response, 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void aFloodOfHeadersIs431() throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            headers.append("X-Flood-").append(i).append(": v\r\n");
        }
        String response = raw("GET /api/v1/todos HTTP/1.1\r\nHost: x\r\n" + headers
                + "X-User-ID: a\r\nConnection: close\r\n\r\n");
        assertProblem(response, 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void garbageIs400() throws IOException {
        assertProblem(raw("NOT HTTP AT ALL\r\n\r\n"), 400, "VALIDATION_ERROR");
    }

    @Test
    void aBodyLongerThanItsContentLengthSaysIsNotReadAsASecondRequest() throws IOException {
        String body = "{\"title\": \"smuggled\"}";
        String response = raw("POST /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: a\r\n"
                + "Content-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n" + body);
        assertProblem(response, 400, "VALIDATION_ERROR");
    }
}
