package dev.todo.rest.todo;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.in.ChangeBatch;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.body.MessageBodyWriter;
import io.micronaut.http.codec.CodecException;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The one writer of todos as JSON, in every answer that holds them (a todo, a list, a page, the change feed): fourteen
 * members (the seed's seven, then {@code due}, {@code priority} and {@code tags}, then {@code recurrence},
 * {@code position}, {@code parent_id} and {@code next_occurrence_id}), the bytes Micronaut Serde would write for them ({@code TodoJsonTest} compares them byte for byte; ADR
 * 0028). Its body writers are chosen before Micronaut's own JSON writer, as they name the type.
 */
final class TodoJson {

    /** One page of a list: {@code {items, count, next_cursor}}. */
    record Page(List<Todo> items, @Nullable String nextCursor) {
        Page {
            items = List.copyOf(items);
        }
    }

    /** A batch of the change feed: {@code {changes, next_token, has_more}}. */
    record Changes(ChangeBatch batch, String nextToken) {
    }

    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] TITLE = ascii(",\"title\":");
    private static final byte[] DESCRIPTION = ascii(",\"description\":");
    private static final byte[] COMPLETED = ascii(",\"is_completed\":");
    private static final byte[] CREATED_AT = ascii(",\"created_at\":");
    private static final byte[] UPDATED_AT = ascii(",\"updated_at\":");
    private static final byte[] USER_ID = ascii(",\"user_id\":");
    private static final byte[] DUE = ascii(",\"due\":");
    private static final byte[] DUE_DATE = ascii("{\"date\":\"");
    private static final byte[] DUE_TIME = ascii("\",\"time\":");
    private static final byte[] DUE_ZONE = ascii(",\"time_zone\":");
    private static final byte[] DUE_AT = ascii(",\"at\":");
    private static final byte[] PRIORITY = ascii(",\"priority\":\"");
    private static final byte[] TAGS = ascii("\",\"tags\":[");
    private static final byte[] ITEMS = ascii("{\"items\":[");
    private static final byte[] COUNT = ascii("],\"count\":");
    private static final byte[] NEXT_CURSOR = ascii(",\"next_cursor\":");
    private static final byte[] CHANGES = ascii("{\"changes\":[");
    private static final byte[] NEXT_TOKEN = ascii("],\"next_token\":");
    private static final byte[] HAS_MORE = ascii(",\"has_more\":");
    private static final byte[] UPSERT = ascii("{\"type\":\"upsert\",\"todo\":");
    private static final byte[] DELETE = ascii("{\"type\":\"delete\",\"id\":");
    private static final byte[] DELETED_AT = ascii(",\"deleted_at\":");
    private static final byte[] RECURRENCE = ascii("],\"recurrence\":");
    private static final byte[] POSITION = ascii(",\"position\":");
    private static final byte[] PARENT_ID = ascii(",\"parent_id\":");
    private static final byte[] NEXT_OCCURRENCE_ID = ascii(",\"next_occurrence_id\":");
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

    /** Timestamps of years outside 0000–9999, which the digit-by-digit writing does not cover. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** A due's local time: always with its seconds (LocalTime.toString leaves out zero seconds). */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** The most that is buffered before it is written out: a list of 1,000 todos is about 300 KB. */
    private static final int CHUNK = 8_192;

    private final OutputStream out;
    private byte[] bytes;
    private int length;

    private TodoJson(int capacity, OutputStream out) {
        this.bytes = new byte[Math.min(CHUNK, capacity)];
        this.out = out;
    }

    /** Writes a todo, a {@link Page} or {@link Changes}, in chunks of at most {@value #CHUNK} bytes. */
    static void write(Object body, OutputStream out) throws IOException {
        TodoJson json;
        switch (body) {
            case Todo todo -> {
                json = new TodoJson(460, out);
                json.todo(todo);
            }
            case Page page -> {
                json = new TodoJson(64 + page.items().size() * 420, out);
                json.items(page.items());
                json.append(NEXT_CURSOR);
                json.string(page.nextCursor());
                json.append((byte) '}');
            }
            case Whole whole -> {
                json = new TodoJson(32 + whole.items().size() * 420, out);
                json.items(whole.items());
                json.append((byte) '}');
            }
            case Changes changes -> {
                json = new TodoJson(64 + changes.batch().changes().size() * 440, out);
                json.changes(changes);
            }
            default -> throw new IllegalArgumentException("not an answer holding todos: " + body.getClass());
        }
        json.flush();
    }

    /** The todo's JSON. */
    static byte[] bytes(Todo todo) {
        return bytes(todo, todo.title().value().length() * 2 + 440);
    }

    /** A whole list's JSON, {@code {items, count}}. */
    static byte[] bytes(List<Todo> todos) {
        return bytes(new Whole(todos), 32 + todos.size() * 440);
    }

    private record Whole(List<Todo> items) {
    }

    private static byte[] bytes(Object body, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try {
            write(body, out);
        } catch (IOException e) {
            throw new UncheckedIOException("a ByteArrayOutputStream does not fail", e);
        }
        return out.toByteArray();
    }

    /** Writes what {@link TodoJson} writes as {@code application/json}. */
    private abstract static class Writer<T> implements MessageBodyWriter<T> {
        @Override
        public final void writeTo(Argument<T> type, MediaType mediaType, T body, MutableHeaders outgoingHeaders,
                                  OutputStream outputStream) {
            if (!outgoingHeaders.contains(HttpHeaders.CONTENT_TYPE)) {
                outgoingHeaders.set(HttpHeaders.CONTENT_TYPE, mediaType.toString());
            }
            try {
                TodoJson.write(body, outputStream);
            } catch (IOException e) {
                throw new CodecException("Error writing the JSON body: " + e.getMessage(), e);
            }
        }
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class TodoWriter extends Writer<Todo> {
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class PageWriter extends Writer<Page> {
    }

    @Singleton
    @Produces(MediaType.APPLICATION_JSON)
    static final class ChangesWriter extends Writer<Changes> {
    }

    private void items(List<Todo> items) throws IOException {
        append(ITEMS);
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                append((byte) ',');
            }
            todo(items.get(i));
        }
        append(COUNT);
        appendAscii(Integer.toString(items.size()));
    }

    /** The batch: an upsert holds the todo, a deletion the id and the time. */
    private void changes(Changes changes) throws IOException {
        append(CHANGES);
        List<TodoChange> all = changes.batch().changes();
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                append((byte) ',');
            }
            switch (all.get(i)) {
                case TodoChange.Upserted upserted -> {
                    append(UPSERT);
                    todo(upserted.todo());
                }
                case TodoChange.Removed removed -> {
                    append(DELETE);
                    string(removed.id().toString());
                    append(DELETED_AT);
                    timestamp(removed.deletedAt());
                }
            }
            append((byte) '}');
        }
        append(NEXT_TOKEN);
        string(changes.nextToken());
        append(HAS_MORE);
        append(changes.batch().hasMore() ? TRUE : FALSE);
        append((byte) '}');
    }

    private void todo(Todo todo) throws IOException {
        append(ID);
        string(todo.id().toString());
        append(TITLE);
        string(todo.title().value());
        append(DESCRIPTION);
        string(todo.description().map(Description::value).orElse(null));
        append(COMPLETED);
        append(todo.completed() ? TRUE : FALSE);
        append(CREATED_AT);
        timestamp(todo.createdAt());
        append(UPDATED_AT);
        timestamp(todo.updatedAt());
        append(USER_ID);
        string(todo.owner().value());
        append(DUE);
        due(todo.due().orElse(null));
        append(PRIORITY);
        appendAscii(todo.priority().wireName());
        append(TAGS);
        List<String> tags = todo.tags().names();
        for (int i = 0; i < tags.size(); i++) {
            if (i > 0) {
                append((byte) ',');
            }
            string(tags.get(i));
        }
        append(RECURRENCE);
        string(todo.recurrence().map(Recurrence::value).orElse(null));
        append(POSITION);
        string(todo.position().value());
        append(PARENT_ID);
        string(todo.parent().map(TodoId::toString).orElse(null));
        append(NEXT_OCCURRENCE_ID);
        string(todo.nextOccurrence().map(TodoId::toString).orElse(null));
        append((byte) '}');
    }

    /** {@code null}, or {@code {date, time, time_zone, at}}, all four always there: time as HH:MM:SS. */
    private void due(@Nullable Due due) throws IOException {
        if (due == null) {
            append(NULL);
            return;
        }
        append(DUE_DATE);
        appendAscii(due.date().toString());
        LocalTime time = due.time();
        ZoneId zone = due.zone();
        append(DUE_TIME);
        string(time == null ? null : TIME.format(time));
        append(DUE_ZONE);
        string(zone == null ? null : zone.getId());
        append(DUE_AT);
        Instant at = due.at().orElse(null);
        if (at == null) {
            append(NULL);
        } else {
            timestamp(at);
        }
        append((byte) '}');
    }

    /**
     * {@code "2026-01-22T10:15:30.123456Z"}, always six fractional digits: written digit by digit from the epoch day
     * (no date-time objects), as a list of a thousand todos holds two thousand of them.
     */
    private void timestamp(Instant instant) throws IOException {
        long seconds = instant.getEpochSecond();
        long day = Math.floorDiv(seconds, 86_400L);
        int second = (int) Math.floorMod(seconds, 86_400L);
        // The proleptic Gregorian date of an epoch day, counted in 400-year eras starting on 0000-03-01 (the
        // algorithm of java.time.LocalDate.ofEpochDay, without the object).
        long shifted = day + 719_468L;
        long era = Math.floorDiv(shifted, 146_097L);
        int dayOfEra = (int) (shifted - era * 146_097L);
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int monthFromMarch = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1;
        int month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            string(TIMESTAMP.format(instant));
            return;
        }
        reserve(29);
        int at = length;
        bytes[at] = '"';
        digits(at + 1, (int) year, 4, '-');
        digits(at + 6, month, 2, '-');
        digits(at + 9, dayOfMonth, 2, 'T');
        digits(at + 12, second / 3_600, 2, ':');
        digits(at + 15, second / 60 % 60, 2, ':');
        digits(at + 18, second % 60, 2, '.');
        digits(at + 21, instant.getNano() / 1_000, 6, 'Z');
        bytes[at + 28] = '"';
        length = at + 29;
    }

    /** {@code value} in {@code width} digits at {@code at}, then {@code after}. */
    private void digits(int at, int value, int width, char after) {
        for (int i = at + width - 1; i >= at; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        bytes[at + width] = (byte) after;
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
                // Half of a pair alone has no UTF-8 form: escaped (the domain refuses such text anyway).
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
