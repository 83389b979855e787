package dev.todo.rest.todo;

import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The response body writers for a todo and a list of todos as {@code application/json}: {@link TodoJson}'s bytes,
 * which are Micronaut Serde's for the same records. Found by Micronaut before its generic JSON writer because they
 * name the type and the media type ({@code TodoJsonTest} checks that they are the ones chosen).
 */
final class TodoJsonWriters {

    private TodoJsonWriters() {
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void write(Body body, MediaType mediaType, MutableHeaders headers, OutputStream out) {
        if (!headers.contains(HttpHeaders.CONTENT_TYPE)) {
            headers.set(HttpHeaders.CONTENT_TYPE, mediaType.toString());
        }
        try {
            body.writeTo(out);
        } catch (IOException e) {
            throw new CodecException("Error writing the JSON body: " + e.getMessage(), e);
        }
    }

    /** A todo. */
    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class Todo implements MessageBodyWriter<TodoResponse> {
        @Override
        public void writeTo(Argument<TodoResponse> type, MediaType mediaType, TodoResponse object,
                            MutableHeaders outgoingHeaders, OutputStream outputStream) {
            write(out -> TodoJson.write(object, out), mediaType, outgoingHeaders, outputStream);
        }
    }

    /** The list of a tenant's todos. */
    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class TodoList implements MessageBodyWriter<TodoListResponse> {
        @Override
        public void writeTo(Argument<TodoListResponse> type, MediaType mediaType, TodoListResponse object,
                            MutableHeaders outgoingHeaders, OutputStream outputStream) {
            write(out -> TodoJson.write(object, out), mediaType, outgoingHeaders, outputStream);
        }
    }
}
