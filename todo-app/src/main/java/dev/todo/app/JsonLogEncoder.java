package dev.todo.app;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import org.slf4j.event.KeyValuePair;

/**
 * TODO_LOG_FORMAT=json: Logback's JSON lines with an ISO-8601 UTC {@code timestamp}, and an event's key-value pairs
 * (the request log's method, route, status…) as fields of the line, numbers as numbers, unless Logback has the name.
 */
public final class JsonLogEncoder extends JsonEncoder {

    private static final Set<String> RESERVED = Set.of("timestamp", "sequenceNumber", "nanoseconds", "level",
            "threadName", "loggerName", "context", "markers", "mdc", "kvpList", "message", "formattedMessage",
            "arguments", "throwable");

    /** Logback's fields as logback.xml chooses them, except its epoch timestamp, which this encoder replaces. */
    public JsonLogEncoder() {
        super.setWithTimestamp(false);
        super.setWithKVPList(false);
    }

    /** The epoch timestamp stays off: this encoder writes an ISO-8601 one. */
    @Override
    public void setWithTimestamp(boolean withTimestamp) {
        // ignored on purpose
    }

    /** Logback's list of pairs stays off: this encoder writes each pair as a field. */
    @Override
    public void setWithKVPList(boolean withKVPList) {
        // ignored on purpose
    }

    @Override
    protected void appendCustomFields(StringBuilder json, ILoggingEvent event) {
        // Logback's object always has a level before this point, so each field here follows a comma.
        json.append(",\"timestamp\":\"")
                .append(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(event.getTimeStamp())))
                .append('"');
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null) {
            return;
        }
        for (KeyValuePair pair : pairs) {
            if (pair.key == null || RESERVED.contains(pair.key)) {
                continue;
            }
            json.append(",\"").append(escape(pair.key)).append("\":");
            if (pair.value instanceof Integer || pair.value instanceof Long) {
                json.append(pair.value);
            } else if (pair.value == null) {
                json.append("null");
            } else {
                json.append('"').append(escape(String.valueOf(pair.value))).append('"');
            }
        }
    }

    /** RFC 8259's escapes: quotation mark, reverse solidus and the control characters. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> escaped.append("\\\"");
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escaped.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
