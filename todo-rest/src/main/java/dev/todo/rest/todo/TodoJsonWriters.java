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
 * The {@code application/json} body writers of every answer that holds todos, all of them {@link TodoJson}. Micronaut
 * chooses them before its generic JSON writer because they name the type ({@code TodoJsonTest} checks it).
 */
final class TodoJsonWriters {

    private TodoJsonWriters() {
    }

    /** Writes one type of answer with {@link TodoJson}. */
    private abstract static class Writer<T> implements MessageBodyWriter<T> {

        abstract void json(T object, OutputStream out) throws IOException;

        @Override
        public final void writeTo(Argument<T> type, MediaType mediaType, T object, MutableHeaders outgoingHeaders,
                                  OutputStream outputStream) {
            if (!outgoingHeaders.contains(HttpHeaders.CONTENT_TYPE)) {
                outgoingHeaders.set(HttpHeaders.CONTENT_TYPE, mediaType.toString());
            }
            try {
                json(object, outputStream);
            } catch (IOException e) {
                throw new CodecException("Error writing the JSON body: " + e.getMessage(), e);
            }
        }
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class Todo extends Writer<TodoResponse> {
        @Override
        void json(TodoResponse object, OutputStream out) throws IOException {
            TodoJson.write(object, out);
        }
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class TodoList extends Writer<TodoListResponse> {
        @Override
        void json(TodoListResponse object, OutputStream out) throws IOException {
            TodoJson.write(object, out);
        }
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class Page extends Writer<TodoPageResponse> {
        @Override
        void json(TodoPageResponse object, OutputStream out) throws IOException {
            TodoJson.write(object, out);
        }
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class Changes extends Writer<ChangesResponse> {
        @Override
        void json(ChangesResponse object, OutputStream out) throws IOException {
            TodoJson.write(object, out);
        }
    }
}
