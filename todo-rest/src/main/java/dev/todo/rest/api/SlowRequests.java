package dev.todo.rest.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the connection of a client that takes longer than {@code todo.http.request-read-timeout} (30 s by default)
 * to send one request — request line, headers and body — counted from the request's first byte, or from the moment
 * the connection opened. A slowloris client, which keeps connections open by sending a request a few bytes at a time,
 * so holds each for that long at most. The server's idle timeout alone does not: every byte restarts it.
 *
 * <p>The time between requests on a kept-alive connection is not counted; the server's idle timeout governs that.
 * The connection is closed without an answer, as nginx does for its client_header_timeout: no request was read that
 * could be answered. Two handlers do the counting on each HTTP/1.1 connection, one before the HTTP decoder (the
 * first bytes of a request) and one after it (the request's head and its last content, decoded).
 */
@Singleton
final class SlowRequests extends ConnectionPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(SlowRequests.class);
    private static final String BYTES = "todo-request-read-timeout-bytes";
    private static final String REQUESTS = "todo-request-read-timeout-requests";

    private final long timeoutNanos;

    SlowRequests(@Value("${todo.http.request-read-timeout:30s}") Duration timeout) {
        super(BYTES);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("todo.http.request-read-timeout must be positive: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
    }

    /** Adds the two handlers to a connection's HTTP/1.1 pipeline (HTTP/2 is not served). */
    @Override
    void customize(Channel channel, ChannelPipeline pipeline, String codec) {
        Clock clock = new Clock(channel);
        pipeline.addBefore(codec, BYTES, clock.bytes);
        pipeline.addAfter(codec, REQUESTS, clock.requests);
        clock.start();
    }

    /** The time one connection's current request has been arriving; runs on the connection's event loop. */
    private final class Clock {

        private final Channel channel;
        private @Nullable ScheduledFuture<?> deadline;
        private boolean betweenRequests;

        /** Sees the raw bytes: the first of a request starts the clock. */
        final ChannelInboundHandlerAdapter bytes = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (betweenRequests && message instanceof ByteBuf buffer && buffer.isReadable()) {
                    betweenRequests = false;
                    start();
                }
                ctx.fireChannelRead(message);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                stop();
                ctx.fireChannelInactive();
            }
        };

        /** Sees the decoded request: its last content stops the clock until the next request's first byte. */
        final ChannelInboundHandlerAdapter requests = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (message instanceof HttpRequest request && request.decoderResult().isFailure()) {
                    stop(); // refused by the decoder: the server answers and closes; nothing more to wait for
                }
                if (message instanceof LastHttpContent) {
                    stop();
                    betweenRequests = true;
                }
                ctx.fireChannelRead(message);
            }
        };

        Clock(Channel channel) {
            this.channel = channel;
        }

        void start() {
            stop();
            deadline = channel.eventLoop().schedule(() -> {
                LOG.debug("Closing {}: no complete request within the read timeout", channel.remoteAddress());
                channel.close();
            }, timeoutNanos, TimeUnit.NANOSECONDS);
        }

        void stop() {
            ScheduledFuture<?> running = deadline;
            if (running != null) {
                running.cancel(false);
                deadline = null;
            }
        }
    }
}
