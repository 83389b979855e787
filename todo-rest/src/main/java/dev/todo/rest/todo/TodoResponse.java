package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.todo.domain.model.Description;
import dev.todo.domain.model.Todo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A todo as the API shows it: exactly seven members. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TodoResponse(
        String id, String title, @Nullable String description, @JsonProperty("is_completed") boolean isCompleted,
        @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("user_id") String userId) {

    /** Fixed width, so every timestamp has exactly six fractional digits. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    static TodoResponse of(Todo todo) {
        return new TodoResponse(todo.id().toString(), todo.title().value(),
                todo.description().map(Description::value).orElse(null), todo.completed(),
                timestamp(todo.createdAt()), timestamp(todo.updatedAt()), todo.owner().value());
    }

    /**
     * {@code 2026-01-22T10:15:30.123456Z}: written digit by digit from the epoch day (no date-time objects, one byte
     * array), as a list of a thousand todos formats two thousand of them; {@link #TIMESTAMP} for years outside
     * 0000–9999.
     */
    static String timestamp(Instant instant) {
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
            return TIMESTAMP.format(instant);
        }
        byte[] out = new byte[27];
        digits(out, 0, (int) year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, dayOfMonth, 2);
        out[10] = 'T';
        digits(out, 11, second / 3_600, 2);
        out[13] = ':';
        digits(out, 14, second / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, second % 60, 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000, 6);
        out[26] = 'Z';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
