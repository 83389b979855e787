package dev.todo.rest.tenant;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A JWKS endpoint on the loopback interface that serves what the test sets and counts the requests it gets. */
final class JwksServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger hits = new AtomicInteger();
    private volatile int status = 200;
    private volatile String body = "{\"keys\":[]}";

    JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            hits.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** Serves the public parts of these keys from now on. */
    void serve(JWK... keys) {
        serveRaw(200, new JWKSet(List.of(keys)).toPublicJWKSet().toString());
    }

    void serveRaw(int status, String body) {
        this.status = status;
        this.body = body;
    }

    int hits() {
        return hits.get();
    }

    URI uri() {
        try {
            // This constructor puts an IPv6 address in brackets.
            return new URI("http", null, server.getAddress().getAddress().getHostAddress(),
                    server.getAddress().getPort(), "/jwks.json", null, null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
