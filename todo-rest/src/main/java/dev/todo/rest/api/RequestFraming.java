package dev.todo.rest.api;

import dev.todo.rest.error.RefusedRequestException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.netty.configuration.NettyHttpServerConfiguration;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;

/**
 * Refuses, before anything reads them, requests whose framing is ambiguous (a {@code Transfer-Encoding} other than
 * exactly {@code chunked}, or one with a {@code Content-Length}: 400) and bodies in a content coding (415), then
 * closes the connection (RFC 9112 sections 6.1 and 6.3; docs/adr/0027).
 */
@Singleton
final class RequestFraming extends ConnectionPipelines {

    private static final String HANDLER = "todo-request-framing";

    private final NettyHttpServerConfiguration configuration;

    RequestFraming(NettyHttpServerConfiguration configuration) {
        super(HANDLER);
        this.configuration = configuration;
    }

    /** Replaces a connection's HTTP/1.1 codec and adds the check after it. */
    @Override
    void customize(Channel channel, ChannelPipeline pipeline, String codec) {
        if (!(pipeline.get(codec) instanceof HttpServerCodec)) {
            return;
        }
        pipeline.replace(codec, codec, new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(configuration.getMaxInitialLineLength())
                .setMaxHeaderSize(configuration.getMaxHeaderSize())
                .setMaxChunkSize(configuration.getMaxChunkSize())
                .setInitialBufferSize(configuration.getInitialBufferSize())
                .setHeadersFactory(new RememberingHeaders.Factory(configuration.isValidateHeaders()))));
        pipeline.addAfter(codec, HANDLER, new Check());
    }

    /** Headers that remember a Content-Length removed by the decoder (it does so when chunked is also given). */
    static final class RememberingHeaders extends DefaultHttpHeaders {

        private boolean contentLengthRemoved;

        RememberingHeaders(boolean validate) {
            super(validate);
        }

        @Override
        public HttpHeaders remove(CharSequence name) {
            if (HttpHeaderNames.CONTENT_LENGTH.contentEqualsIgnoreCase(name) && contains(name)) {
                contentLengthRemoved = true;
            }
            return super.remove(name);
        }

        @Override
        public HttpHeaders remove(String name) {
            return remove((CharSequence) name);
        }

        /** Headers equal as headers: what was removed before is no header. */
        @Override
        public boolean equals(Object other) {
            return super.equals(other);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }

        /** Makes these headers for requests, and plain ones for trailers. */
        record Factory(boolean validate) implements HttpHeadersFactory {
            @Override
            public HttpHeaders newHeaders() {
                return new RememberingHeaders(validate);
            }

            @Override
            public HttpHeaders newEmptyHeaders() {
                return DefaultHttpHeadersFactory.headersFactory().withValidation(validate).newEmptyHeaders();
            }
        }
    }

    /** Checks each request's head; after a refused one, drops whatever else arrives on the connection. */
    private static final class Check extends ChannelInboundHandlerAdapter {

        private boolean refused;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (refused) {
                ReferenceCountUtil.release(message);
                return;
            }
            if (message instanceof HttpRequest request) {
                if (request.decoderResult().isFailure()) {
                    refused = true; // answered 400 and closed by the server; nothing after it is a request
                } else {
                    RefusedRequestException problem = problem(request.headers());
                    if (problem != null) {
                        refused = true;
                        request.headers().remove(HttpHeaderNames.CONTENT_ENCODING);
                        request.setDecoderResult(DecoderResult.failure(problem));
                    }
                }
            }
            ctx.fireChannelRead(message);
        }

        private static @Nullable RefusedRequestException problem(HttpHeaders headers) {
            List<String> transferEncodings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
            boolean contentLength = headers.contains(HttpHeaderNames.CONTENT_LENGTH)
                    || (headers instanceof RememberingHeaders remembering && remembering.contentLengthRemoved);
            if (!transferEncodings.isEmpty()) {
                if (transferEncodings.size() > 1
                        || !transferEncodings.get(0).strip().equalsIgnoreCase("chunked")) {
                    return new RefusedRequestException(HttpStatus.BAD_REQUEST,
                            "The request's Transfer-Encoding must be chunked, or absent.");
                }
                if (contentLength) {
                    return new RefusedRequestException(HttpStatus.BAD_REQUEST,
                            "The request has both a Transfer-Encoding and a Content-Length.");
                }
            }
            List<String> contentEncodings = headers.getAll(HttpHeaderNames.CONTENT_ENCODING);
            for (String coding : contentEncodings) {
                if (!coding.strip().toLowerCase(Locale.ROOT).equals("identity")) {
                    return new RefusedRequestException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "The request body must not be compressed: no Content-Encoding is accepted.");
                }
            }
            return null;
        }
    }
}
