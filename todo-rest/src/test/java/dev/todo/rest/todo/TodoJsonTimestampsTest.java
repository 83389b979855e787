package dev.todo.rest.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Timestamps as the API writes them: UTC, six fractional digits, always the same width. */
class TodoJsonTimestampsTest {

    private static final DateTimeFormatter REFERENCE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** The {@code created_at} that {@link TodoJson} writes for a todo created at {@code instant}. */
    private static String timestamp(Instant instant) {
        Todo todo = Todo.restore(TodoId.random(), new TenantId("t"), Title.stored("t"), null, false, instant, instant,
                1);
        String json = new String(TodoJson.bytes(todo), StandardCharsets.UTF_8);
        int start = json.indexOf("\"created_at\":\"") + "\"created_at\":\"".length();
        return json.substring(start, json.indexOf('"', start));
    }

    @Test
    void timestampsAreWrittenAsTheReferenceFormatterWritesThem() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(1_000_000_000));
            assertThat(timestamp(instant)).isEqualTo(REFERENCE.format(instant));
        }
    }

    @Test
    void edgesKeepTheirWidthAndTruncateToMicroseconds() {
        assertThat(timestamp(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000000Z");
        assertThat(timestamp(Instant.parse("2026-01-22T10:15:30.123456789Z")))
                .isEqualTo("2026-01-22T10:15:30.123456Z");
        assertThat(timestamp(Instant.parse("9999-12-31T23:59:59.999999Z")))
                .isEqualTo("9999-12-31T23:59:59.999999Z");
        for (String leapAndTurns : new String[] {"0000-02-29T00:00:00Z", "0000-03-01T00:00:00Z",
                "1900-02-28T23:59:59.999999Z", "1900-03-01T00:00:00Z", "2000-02-29T12:00:00Z",
                "2024-12-31T23:59:59.999999Z", "2025-01-01T00:00:00Z", "1969-12-31T23:59:59.000001Z"}) {
            Instant instant = Instant.parse(leapAndTurns);
            assertThat(timestamp(instant)).isEqualTo(REFERENCE.format(instant));
        }
        Instant beforeYearZero = Instant.parse("-0001-12-31T23:59:59Z");
        assertThat(timestamp(beforeYearZero)).isEqualTo(REFERENCE.format(beforeYearZero));
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertThat(timestamp(far)).isEqualTo(REFERENCE.format(far));
    }
}
