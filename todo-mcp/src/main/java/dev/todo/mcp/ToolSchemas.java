package dev.todo.mcp;

/**
 * The tools' JSON Schemas (2020-12), as text: each input is an object without other members (a member the schema
 * does not name makes the call malformed), each output the shape of {@code structuredContent}. The todo is the REST
 * API's todo JSON. A tool that takes a list ({@code tasks}, 1 to 50) takes it instead of one task's members.
 */
final class ToolSchemas {

    /** A todo, as {@link TaskJson} writes it. */
    static final String TASK = plain("""
            {"type": "object",
             "properties": {
               "id": {"type": "string", "description": "The todo's id (a UUID)"},
               "title": {"type": "string"},
               "description": {"type": ["string", "null"]},
               "is_completed": {"type": "boolean"},
               "created_at": {"type": "string", "description": "RFC 3339, UTC"},
               "updated_at": {"type": "string", "description": "RFC 3339, UTC"},
               "due": {"anyOf": [{"type": "null"},
                                 {"type": "object",
                                  "properties": {"date": {"type": "string"}, "time": {"type": ["string", "null"]},
                                                 "time_zone": {"type": ["string", "null"]},
                                                 "at": {"type": ["string", "null"]}},
                                  "required": ["date", "time", "time_zone", "at"]}]},
               "priority": {"enum": ["none", "low", "medium", "high"]},
               "tags": {"type": "array", "items": {"type": "string"}},
               "recurrence": {"type": ["string", "null"], "description": "An RFC 5545 RRULE"},
               "position": {"type": "string"},
               "parent_id": {"type": ["string", "null"]},
               "next_occurrence_id": {"type": ["string", "null"]}},
             "required": ["id", "title", "description", "is_completed", "created_at", "updated_at", "due",
                          "priority", "tags", "recurrence", "position", "parent_id", "next_occurrence_id"]}
            """);

    /** What a delete reports: the todo's id and title. */
    static final String DELETED = plain("""
            {"type": "object",
             "properties": {"id": {"type": "string"}, "title": {"type": "string"}},
             "required": ["id", "title"]}
            """);

    private static final String TASK_ID = plain("""
            "task_id": {"type": "string", "description": "The todo's id (a UUID), as list_tasks or add_task gave it"}
            """);

    private static final String DUE = plain("""
            "due": {"description": "When it is due: a date (YYYY-MM-DD), or {date, time?: HH:MM[:SS], time_zone?: an \
            IANA id}; null for none",
                    "anyOf": [{"type": "string"},
                              {"type": "object",
                               "properties": {"date": {"type": "string"}, "time": {"type": ["string", "null"]},
                                              "time_zone": {"type": ["string", "null"]}},
                               "required": ["date"], "additionalProperties": false},
                              {"type": "null"}]}
            """);

    private static final String PLAN = fill("""
            "description": {"type": ["string", "null"], "description": "Free text, at most 2000 characters"},
            %s,
            "priority": {"anyOf": [{"enum": ["none", "low", "medium", "high"]}, {"type": "null"}]},
            "tags": {"type": ["array", "null"], "items": {"type": "string"}, "description": "At most 20 tags"},
            "recurrence": {"type": ["string", "null"],
                           "description": "How it repeats, an RFC 5545 RRULE such as FREQ=WEEKLY;BYDAY=MO; needs a due"}
            """, DUE);

    private static final String NEW_TASK = fill("""
            "title": {"type": "string", "description": "What to do, 1 to 255 characters"},
            %s,
            "parent_id": {"type": "string", "description": "Makes it a subtask of this top-level todo"}
            """, PLAN);

    private static final String CHANGES = fill("""
            %s,
            "title": {"type": "string"},
            %s
            """, TASK_ID, PLAN);

    private static final String COMPLETION = fill("""
            %s,
            "completed": {"type": "boolean", "default": true, "description": "false reopens it"}
            """, TASK_ID);

    static final String ADD_INPUT = batchable(NEW_TASK, "[\"title\"]");
    static final String UPDATE_INPUT = batchable(CHANGES, "[\"task_id\"]");
    static final String COMPLETE_INPUT = batchable(COMPLETION, "[\"task_id\"]");
    static final String DELETE_INPUT = batchable(TASK_ID, "[\"task_id\"]");

    static final String GET_INPUT = fill("""
            {"type": "object", "properties": {%s}, "required": ["task_id"], "additionalProperties": false}
            """, TASK_ID);

    static final String LIST_INPUT = plain("""
            {"type": "object",
             "properties": {
               "status": {"enum": ["all", "pending", "completed"], "default": "all"},
               "q": {"type": "string", "description": "Words to search for in titles and descriptions"},
               "priority": {"anyOf": [{"enum": ["none", "low", "medium", "high"]},
                                      {"type": "array", "items": {"enum": ["none", "low", "medium", "high"]}}],
                            "description": "Any of these priorities"},
               "tag": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
                       "description": "Todos carrying all of these tags"},
               "due_after": {"type": "string", "description": "Due on or after this date (YYYY-MM-DD)"},
               "due_before": {"type": "string", "description": "Due on or before this date (YYYY-MM-DD)"},
               "overdue": {"type": "boolean"},
               "due": {"enum": ["today", "overdue", "this_week"],
                       "description": "Due today, overdue, or due this week (Monday to Sunday), in time_zone"},
               "time_zone": {"type": "string", "description": "The caller's IANA time zone; UTC by default"},
               "parent_id": {"type": "string", "description": "The subtasks of this todo"},
               "sort": {"enum": ["created_at", "-created_at", "updated_at", "-updated_at", "title", "-title",
                                 "priority", "-priority", "due", "-due", "position", "-position"]},
               "limit": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50},
               "cursor": {"type": "string", "description": "The next_cursor of the page before"}},
             "additionalProperties": false}
            """);

    static final String LIST_OUTPUT = fill("""
            {"type": "object",
             "properties": {"items": {"type": "array", "items": %s},
                            "next_cursor": {"type": ["string", "null"],
                                            "description": "Pass it as cursor for the next page; null at the end"}},
             "required": ["items", "next_cursor"]}
            """, TASK);

    static final String TASK_OUTPUT = batchOutput(TASK);
    static final String DELETE_OUTPUT = batchOutput(DELETED);

    private ToolSchemas() {
    }

    /** The schema text, stripped: built at class initialisation, not a constant that other classes would copy. */
    private static String plain(String text) {
        return text.strip();
    }

    /** The template with each {@code %s} replaced by the next part, stripped (no format string: plain text). */
    private static String fill(String template, String... parts) {
        StringBuilder filled = new StringBuilder(template.length() + 1024);
        int from = 0;
        for (String part : parts) {
            int at = template.indexOf("%s", from);
            if (at < 0) {
                throw new IllegalArgumentException("fewer %s than parts");
            }
            filled.append(template, from, at).append(part.strip());
            from = at + 2;
        }
        if (template.indexOf("%s", from) >= 0) {
            throw new IllegalArgumentException("more %s than parts");
        }
        return filled.append(template, from, template.length()).toString().strip();
    }

    /** One task's members, or {@code tasks}: a list of 1 to 50 of them, done all or nothing. */
    private static String batchable(String members, String required) {
        return fill("""
                {"type": "object",
                 "properties": {%s,
                   "tasks": {"type": "array", "minItems": 1, "maxItems": 50,
                             "description": "Instead of one task's members: up to 50 tasks, done all or nothing",
                             "items": {"type": "object", "properties": {%s}, "required": %s,
                                       "additionalProperties": false}}},
                 "additionalProperties": false}
                """, members, members, required);
    }

    /** A broken rule, as {@link TodoTools.Failure} writes it in a result with {@code isError}. */
    static final String ERROR = plain("""
            {"type": "object",
             "properties": {
               "error": {"type": "object",
                         "properties": {
                           "code": {"type": "string", "description": "The REST API's error code, e.g. NOT_FOUND"},
                           "message": {"type": "string"},
                           "fields": {"type": "array",
                                      "items": {"type": "object",
                                                "properties": {"field": {"type": "string"},
                                                               "message": {"type": "string"}},
                                                "required": ["field", "message"]}}},
                         "required": ["code", "message", "fields"]}},
             "required": ["error"]}
            """);

    /**
     * A tool's output schema: its result, or {@link #ERROR}. A result with {@code isError} carries the error as
     * structured content too, and clients check structured content against the output schema whether or not it is
     * an error (the TypeScript SDK's client does, and refuses the result when it does not match).
     */
    static String resultOrError(String result) {
        return fill("""
                {"type": "object", "anyOf": [%s, %s]}
                """, result, ERROR);
    }

    /** One result, or {@code {items, count}} for a list of tasks. */
    private static String batchOutput(String item) {
        return fill("""
                {"type": "object",
                 "anyOf": [%s,
                           {"type": "object",
                            "properties": {"items": {"type": "array", "items": %s}, "count": {"type": "integer"}},
                            "required": ["items", "count"]}]}
                """, item, item);
    }
}
