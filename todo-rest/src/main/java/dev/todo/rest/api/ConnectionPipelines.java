package dev.todo.rest.api;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;

/**
 * Adds handlers around the HTTP/1.1 codec of each connection's pipeline, once Micronaut has built it, and once per
 * pipeline (the handler named {@code marker} tells it was done).
 */
abstract class ConnectionPipelines implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final String marker;

    ConnectionPipelines(String marker) {
        this.marker = marker;
    }

    /** Adds the handlers to {@code pipeline}, around its codec named {@code codec}. */
    abstract void customize(Channel channel, ChannelPipeline pipeline, String codec);

    @Override
    public final NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new OnConnection(channel) : this;
            }
        });
        return event.getBean();
    }

    private final class OnConnection implements NettyServerCustomizer {
        private final Channel connection;

        OnConnection(Channel connection) {
            this.connection = connection;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            ChannelPipeline pipeline = connection.pipeline();
            String codec = ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC;
            if (pipeline.get(codec) != null && pipeline.get(marker) == null) {
                customize(connection, pipeline, codec);
            }
        }
    }
}
