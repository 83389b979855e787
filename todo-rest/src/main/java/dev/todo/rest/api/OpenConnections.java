package dev.todo.rest.api;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the open HTTP connections at {@code todo.http.max-connections} (10,000 by default): a connection past the cap is
 * closed as soon as it is accepted, before anything is read, and counted.
 */
@Singleton
public final class OpenConnections implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    /** The default cap: far above what one instance serves well, far below a process's file descriptor limit. */
    public static final int DEFAULT_MAX = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(OpenConnections.class);

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    OpenConnections(@Value("${todo.http.max-connections:10000}") int max) {
        if (max < 1) {
            throw new IllegalArgumentException("todo.http.max-connections must be at least 1: " + max);
        }
        this.max = max;
    }

    /** The connections open now. */
    public int open() {
        return open.get();
    }

    /** The connections closed on arrival because the cap was reached, since the start. */
    public long refused() {
        return refused.get();
    }

    /** The cap. */
    public int max() {
        return max;
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                if (role == ChannelRole.CONNECTION) {
                    admit(channel);
                }
                return this;
            }
        });
        return event.getBean();
    }

    private void admit(Channel channel) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            if (refused.incrementAndGet() % 1_000 == 1) {
                LOG.warn("{} open connections, the most allowed (todo.http.max-connections): closing new ones "
                        + "({} so far)", max, refused.get());
            }
            channel.config().setAutoRead(false);
            channel.close().addListener((ChannelFutureListener) closed -> {
                if (!closed.isSuccess()) {
                    LOG.debug("Closing a connection past the cap failed: {}", String.valueOf(closed.cause()));
                }
            });
            return;
        }
        channel.closeFuture().addListener((ChannelFutureListener) closed -> open.decrementAndGet());
    }
}
