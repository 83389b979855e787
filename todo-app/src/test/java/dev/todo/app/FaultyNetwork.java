package dev.todo.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.core.throttle.Throttler;
import org.netcrusher.core.throttle.ThrottlerFactory;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * A broken network between the service and PostgreSQL, for the tests: a NetCrusher TCP proxy on the loopback
 * interface whose faults a test turns on and off while the service talks to the database through it.
 */
final class FaultyNetwork implements AutoCloseable {

    private final NioReactor reactor;
    private final TcpCrusher crusher;
    private final int port;
    private volatile long latencyNanos;

    private FaultyNetwork(String host, int targetPort) throws IOException {
        this.port = freePort();
        this.reactor = new NioReactor(5);
        ThrottlerFactory delay = client -> new Throttler() {
            @Override
            public long calculateDelayNs(java.nio.ByteBuffer bytes) {
                return latencyNanos;
            }
        };
        this.crusher = TcpCrusherBuilder.builder()
                .withReactor(reactor)
                .withBindAddress("127.0.0.1", port)
                .withConnectAddress(host, targetPort)
                .withIncomingThrottlerFactory(delay)
                .withOutgoingThrottlerFactory(delay)
                .buildAndOpen();
    }

    /**
     * @param jdbcUrl the database's {@code jdbc:postgresql://host:port/name} URL
     * @return a healthy network to that database
     */
    static FaultyNetwork to(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        try {
            return new FaultyNetwork(uri.getHost(), uri.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the JDBC URL of the same database, through this network */
    String jdbcUrl(String databaseUrl) {
        URI uri = URI.create(databaseUrl.substring("jdbc:".length()));
        return "jdbc:postgresql://127.0.0.1:" + port + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Every packet, in either direction, arrives this much later. */
    void latency(Duration eachWay) {
        latencyNanos = eachWay.toNanos();
    }

    /** Closes every open connection, both ways, as a failing router or a restarted firewall does. */
    void dropConnections() {
        crusher.closeAllPairs();
    }

    /**
     * A black hole: open connections stay open but nothing crosses them any more, and new connections are not
     * answered either (half-open connections that never answer).
     */
    void blackHole() {
        crusher.freeze();
    }

    /** Nothing listens any more: new connections are refused, open ones closed. */
    void refuse() {
        crusher.close();
    }

    /** Back to a healthy network: listening, passing bytes, no added latency. */
    void heal() {
        latencyNanos = 0;
        if (!crusher.isOpen()) {
            crusher.open();
        }
        if (crusher.isFrozen()) {
            crusher.unfreeze();
        }
    }

    @Override
    public void close() {
        crusher.close();
        reactor.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
