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

    /** Writes what {@link TodoJson} writes. */
    private interface Json<T> {
        void write(T object, OutputStream out) throws IOException;
    }

    /** Writes one type of answer with {@link TodoJson}. */
    private abstract static class Writer<T> implements MessageBodyWriter<T> {
        private final Json<T> json;

        Writer(Json<T> json) {
            this.json = json;
        }

        @Override
        public final void writeTo(Argument<T> type, MediaType mediaType, T object, MutableHeaders outgoingHeaders,
                                  OutputStream outputStream) {
            if (!outgoingHeaders.contains(HttpHeaders.CONTENT_TYPE)) {
                outgoingHeaders.set(HttpHeaders.CONTENT_TYPE, mediaType.toString());
            }
            try {
                json.write(object, outputStream);
            } catch (IOException e) {
                throw new CodecException("Error writing the JSON body: " + e.getMessage(), e);
            }
        }
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class Todo extends Writer<TodoResponse> {
        Todo() {
            super(TodoJson::write);
        }
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class TodoList extends Writer<TodoListResponse> {
        TodoList() {
            super(TodoJson::write);
        }
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class Page extends Writer<TodoPageResponse> {
        Page() {
            super(TodoJson::write);
        }
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class Changes extends Writer<ChangesResponse> {
        Changes() {
            super(TodoJson::write);
        }
    }
}
