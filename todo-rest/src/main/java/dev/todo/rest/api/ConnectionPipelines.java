package dev.todo.rest.api;

import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import java.util.function.Consumer;

/** Runs an action on each connection's HTTP/1.1 pipeline once Micronaut has built it. */
final class ConnectionPipelines {

    private ConnectionPipelines() {
    }

    /** Registers {@code action}, called with each connection's channel when its stream pipeline is built. */
    static void onEachBuilt(NettyServerCustomizer.Registry registry, Consumer<Channel> action) {
        registry.register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new OnConnection(channel, action) : this;
            }
        });
    }

    private record OnConnection(Channel connection, Consumer<Channel> action) implements NettyServerCustomizer {

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            action.accept(connection);
        }
    }
}
