package dev.todo.rest.todo;

import io.micronaut.core.annotation.Nullable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the most frequent responses, a todo and the list of a tenant's todos, as JSON bytes directly: the same bytes
 * Micronaut Serde writes for {@link TodoResponse} and {@link TodoListResponse} (members in the same order, the same
 * escapes, UTF-8), without its per-member introspection and generator calls, which were a quarter of the CPU time of
 * a list of 1,000 todos. {@code TodoJsonTest} compares the two byte for byte; the records stay the documented schema.
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

    /** Writes a todo as JSON. */
    static void write(TodoResponse todo, OutputStream out) throws IOException {
        TodoJson json = new TodoJson(320, out);
        json.todo(todo);
        json.flush();
    }

    /**
     * Writes the list as JSON, in chunks of at most {@value #CHUNK} bytes (one buffer, not one the size of the
     * whole list: a list of 1,000 todos allocated 280 KB for it, the largest single allocation of the request).
     */
    static void write(TodoListResponse list, OutputStream out) throws IOException {
        List<TodoResponse> items = list.items();
        TodoJson json = new TodoJson(Math.min(CHUNK, 32 + items.size() * 280), out);
        json.append(ITEMS);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                json.append((byte) ',');
            }
            json.todo(items.get(i));
        }
        json.append(COUNT);
        json.appendAscii(Integer.toString(list.count()));
        json.append((byte) '}');
        json.flush();
    }

    /**
     * The list as JSON bytes: what {@link #write(TodoListResponse, OutputStream)} writes.
     *
     * @param list the list
     * @return its JSON
     */
    static byte[] bytes(TodoListResponse list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + list.items().size() * 300);
        try {
            write(list, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return out.toByteArray();
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
