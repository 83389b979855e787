package dev.todo.rest.todo;

import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The one writer of todos as JSON, in every answer that holds them (a todo, a list, a page, the change feed): the bytes
 * Micronaut Serde writes for the same records, without its per-member introspection ({@code TodoJsonTest} compares
 * them byte for byte; ADR 0028).
 */
final class TodoJson {

    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] TITLE = ascii(",\"title\":");
    private static final byte[] DESCRIPTION = ascii(",\"description\":");
    private static final byte[] COMPLETED = ascii(",\"is_completed\":");
    private static final byte[] CREATED_AT = ascii(",\"created_at\":");
    private static final byte[] UPDATED_AT = ascii(",\"updated_at\":");
    private static final byte[] USER_ID = ascii(",\"user_id\":");
    private static final byte[] ITEMS = ascii("{\"items\":[");
    private static final byte[] COUNT = ascii("],\"count\":");
    private static final byte[] NEXT_CURSOR = ascii(",\"next_cursor\":");
    private static final byte[] CHANGES = ascii("{\"changes\":[");
    private static final byte[] NEXT_TOKEN = ascii("],\"next_token\":");
    private static final byte[] HAS_MORE = ascii(",\"has_more\":");
    private static final byte[] TYPE = ascii("{\"type\":");
    private static final byte[] TODO = ascii(",\"todo\":");
    private static final byte[] DELETED_ID = ascii(",\"id\":");
    private static final byte[] DELETED_AT = ascii(",\"deleted_at\":");
    private static final byte[] TRUE = ascii("true");
    private static final byte[] FALSE = ascii("false");
    private static final byte[] NULL = ascii("null");
    private static final byte[] HEX = ascii("0123456789ABCDEF");
    /** What each ASCII character becomes inside a string: 0 itself, else the letter of its short escape or 'u'. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\n'] = 'n';
        ESCAPES['\f'] = 'f';
        ESCAPES['\r'] = 'r';
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
    }

    /** The most that is buffered before it is written out: a list of 1,000 todos is about 260 KB. */
    private static final int CHUNK = 8_192;

    private final OutputStream out;
    private byte[] bytes;
    private int length;

    private TodoJson(int capacity, OutputStream out) {
        this.bytes = new byte[capacity];
        this.out = out;
    }

    /** What is written, given a writer of this class. */
    private interface Part {
        void writeTo(TodoJson json) throws IOException;
    }

    private static void write(OutputStream out, int capacity, Part part) throws IOException {
        TodoJson json = new TodoJson(Math.min(CHUNK, capacity), out);
        part.writeTo(json);
        json.flush();
    }

    static void write(TodoResponse todo, OutputStream out) throws IOException {
        write(out, 320, json -> json.todo(todo));
    }

    /** Writes {@code {items, count}} in chunks of at most {@value #CHUNK} bytes, never the whole list at once. */
    static void write(TodoListResponse list, OutputStream out) throws IOException {
        write(out, 32 + list.items().size() * 280, json -> {
            json.items(list.items(), list.count());
            json.append((byte) '}');
        });
    }

    static void write(TodoPageResponse page, OutputStream out) throws IOException {
        write(out, 64 + page.items().size() * 280, json -> {
            json.items(page.items(), page.count());
            json.append(NEXT_CURSOR);
            json.string(page.nextCursor());
            json.append((byte) '}');
        });
    }

    static void write(ChangesResponse changes, OutputStream out) throws IOException {
        write(out, 64 + changes.changes().size() * 300, json -> {
            json.append(CHANGES);
            for (int i = 0; i < changes.changes().size(); i++) {
                if (i > 0) {
                    json.append((byte) ',');
                }
                json.change(changes.changes().get(i));
            }
            json.append(NEXT_TOKEN);
            json.string(changes.nextToken());
            json.append(HAS_MORE);
            json.append(changes.hasMore() ? TRUE : FALSE);
            json.append((byte) '}');
        });
    }

    static byte[] bytes(TodoResponse todo) {
        return bytes(todo.title().length() * 2 + 300, out -> write(todo, out));
    }

    static byte[] bytes(TodoListResponse list) {
        return bytes(32 + list.items().size() * 300, out -> write(list, out));
    }

    private interface Written {
        void to(OutputStream out) throws IOException;
    }

    private static byte[] bytes(int size, Written written) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try {
            written.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return out.toByteArray();
    }

    private void items(List<TodoResponse> items, int count) throws IOException {
        append(ITEMS);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                append((byte) ',');
            }
            todo(items.get(i));
        }
        append(COUNT);
        appendAscii(Integer.toString(count));
    }

    /** One change: members that are null are left out. */
    private void change(ChangesResponse.Change change) throws IOException {
        append(TYPE);
        string(change.type());
        if (change.todo() != null) {
            append(TODO);
            todo(change.todo());
        }
        if (change.id() != null) {
            append(DELETED_ID);
            string(change.id());
        }
        if (change.deletedAt() != null) {
            append(DELETED_AT);
            string(change.deletedAt());
        }
        append((byte) '}');
    }

    private void todo(TodoResponse todo) throws IOException {
        append(ID);
        string(todo.id());
        append(TITLE);
        string(todo.title());
        append(DESCRIPTION);
        string(todo.description());
        append(COMPLETED);
        append(todo.isCompleted() ? TRUE : FALSE);
        append(CREATED_AT);
        string(todo.createdAt());
        append(UPDATED_AT);
        string(todo.updatedAt());
        append(USER_ID);
        string(todo.userId());
        append((byte) '}');
    }

    /**
     * A JSON string, or null: {@code "}, {@code \}, control characters and lone halves of surrogate pairs escaped,
     * everything else as UTF-8 (a surrogate pair as the four bytes of its character).
     */
    private void string(@Nullable String value) throws IOException {
        if (value == null) {
            append(NULL);
            return;
        }
        int n = value.length();
        reserve(n * 6 + 2);
        byte[] out = bytes;
        int at = length;
        out[at++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                byte escape = ESCAPES[c];
                if (escape == 0) {
                    out[at++] = (byte) c;
                } else {
                    out[at++] = '\\';
                    out[at++] = escape;
                    if (escape == 'u') {
                        out[at++] = '0';
                        out[at++] = '0';
                        out[at++] = HEX[c >> 4];
                        out[at++] = HEX[c & 0xF];
                    }
                }
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                // A character outside the Basic Multilingual Plane (an emoji) as its four UTF-8 bytes, not as two
                // escapes of six bytes each (Jackson's COMBINE_UNICODE_SURROGATES_IN_UTF8, see JsonWriteSettings).
                int cp = Character.toCodePoint(c, value.charAt(++i));
                out[at++] = (byte) (0xF0 | (cp >> 18));
                out[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                // Half of a pair without its other half has no UTF-8 form: escaped (the domain refuses such text anyway).
                out[at++] = '\\';
                out[at++] = 'u';
                out[at++] = HEX[c >> 12];
                out[at++] = HEX[c >> 8 & 0xF];
                out[at++] = HEX[c >> 4 & 0xF];
                out[at++] = HEX[c & 0xF];
            } else {
                out[at++] = (byte) (0xE0 | c >> 12);
                out[at++] = (byte) (0x80 | c >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | c & 0x3F);
            }
        }
        out[at++] = '"';
        length = at;
    }

    private void appendAscii(String value) throws IOException {
        reserve(value.length());
        for (int i = 0; i < value.length(); i++) {
            bytes[length++] = (byte) value.charAt(i);
        }
    }

    private void append(byte[] value) throws IOException {
        reserve(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
    }

    private void append(byte value) throws IOException {
        reserve(1);
        bytes[length++] = value;
    }

    /** Makes room for {@code more} bytes: writes out what is buffered, and grows the buffer for a longer string. */
    private void reserve(int more) throws IOException {
        if (length + more > bytes.length) {
            flush();
            if (more > bytes.length) {
                bytes = new byte[more];
            }
        }
    }

    private void flush() throws IOException {
        if (length > 0) {
            out.write(bytes, 0, length);
            length = 0;
        }
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
