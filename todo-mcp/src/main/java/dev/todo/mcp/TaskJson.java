package dev.todo.mcp;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A todo as the tools return it: the members and shapes of the REST API's todo JSON ({@code id}, {@code title},
 * {@code description}, {@code is_completed}, {@code created_at}, {@code updated_at}, {@code due}, {@code priority},
 * {@code tags}, {@code recurrence}, {@code position}, {@code parent_id}, {@code next_occurrence_id}), written here so
 * that this adapter needs nothing of todo-rest. The tenant is left out: it is the caller.
 */
final class TaskJson {

    /** Timestamps as the REST API writes them: UTC, always six fractional digits. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** A due's local time, always with its seconds. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private TaskJson() {
    }

    /** The todo as a JSON object (a map whose values are strings, booleans, lists, maps or null). */
    static Map<String, Object> of(Todo todo) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", todo.id().toString());
        json.put("title", todo.title().value());
        json.put("description", todo.description().map(Description::value).orElse(null));
        json.put("is_completed", todo.completed());
        json.put("created_at", timestamp(todo.createdAt()));
        json.put("updated_at", timestamp(todo.updatedAt()));
        json.put("due", todo.due().map(TaskJson::due).orElse(null));
        json.put("priority", todo.priority().wireName());
        json.put("tags", List.copyOf(todo.tags().names()));
        json.put("recurrence", todo.recurrence().map(Recurrence::value).orElse(null));
        json.put("position", todo.position().value());
        json.put("parent_id", todo.parent().map(TodoId::toString).orElse(null));
        json.put("next_occurrence_id", todo.nextOccurrence().map(TodoId::toString).orElse(null));
        return json;
    }

    /** {@code {date, time, time_zone, at}}, all four always there. */
    static Map<String, Object> due(Due due) {
        Map<String, Object> json = new LinkedHashMap<>();
        LocalTime time = due.time();
        ZoneId zone = due.zone();
        json.put("date", due.date().toString());
        json.put("time", time == null ? null : TIME.format(time));
        json.put("time_zone", zone == null ? null : zone.getId());
        json.put("at", due.at().map(TaskJson::timestamp).orElse(null));
        return json;
    }

    /** {@code 2026-01-22T10:15:30.123456Z}. */
    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /**
     * One line for the text rendering: {@code [x] title (id)}, with its due (date, and time and zone when it has
     * them), priority, tags and recurrence when it has them.
     */
    static String line(Todo todo) {
        StringBuilder line = new StringBuilder(todo.completed() ? "[x] " : "[ ] ").append(todo.title().value());
        todo.due().ifPresent(due -> {
            line.append(" · due ").append(due.date());
            LocalTime time = due.time();
            ZoneId zone = due.zone();
            if (time != null) {
                line.append(' ').append(TIME.format(time)).append(zone == null ? "" : " " + zone.getId());
            }
        });
        if (todo.priority().rank() > 0) {
            line.append(" · ").append(todo.priority().wireName());
        }
        if (!todo.tags().names().isEmpty()) {
            line.append(" · #").append(String.join(" #", todo.tags().names()));
        }
        todo.recurrence().ifPresent(rule -> line.append(" · repeats ").append(rule.value()));
        return line.append(" (id ").append(todo.id()).append(')').toString();
    }
}
