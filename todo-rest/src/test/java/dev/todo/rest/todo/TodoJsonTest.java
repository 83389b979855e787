package dev.todo.rest.todo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.todo.domain.model.Description;
import dev.todo.domain.model.Due;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.Priority;
import dev.todo.domain.model.Recurrence;
import dev.todo.domain.model.Tags;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.in.ChangeBatch;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyHandlerRegistry;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The hand-written JSON of a todo, a list, a page and a change batch is, byte for byte, what Micronaut Serde writes
 * for records of the same members (the records below). Text no todo can hold is checked as a page's cursor.
 */
class TodoJsonTest {

    /** The service's mapper, as configured (JsonWriteSettings): what every other JSON response is written with. */
    private static final ApplicationContext CONTEXT = ApplicationContext.run();
    private static final ObjectMapper SERDE = CONTEXT.getBean(ObjectMapper.class);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    /** A todo as the API shows it: fourteen members. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Shown(String id, String title, @Nullable String description,
                 @JsonProperty("is_completed") boolean isCompleted, @JsonProperty("created_at") String createdAt, @JsonProperty("updated_at") String updatedAt,
                 @JsonProperty("user_id") String userId, @Nullable ShownDue due, String priority, List<String> tags,
                 @Nullable String recurrence, String position, @JsonProperty("parent_id") @Nullable String parentId,
                 @JsonProperty("next_occurrence_id") @Nullable String nextOccurrenceId) {

        static Shown of(Todo todo) {
            return new Shown(todo.id().toString(), todo.title().value(),
                    todo.description().map(Description::value).orElse(null), todo.completed(),
                    TIMESTAMP.format(todo.createdAt()), TIMESTAMP.format(todo.updatedAt()), todo.owner().value(),
                    todo.due().map(ShownDue::of).orElse(null), todo.priority().wireName(), todo.tags().names(),
                    todo.recurrence().map(Recurrence::value).orElse(null), todo.position().value(),
                    todo.parent().map(TodoId::toString).orElse(null),
                    todo.nextOccurrence().map(TodoId::toString).orElse(null));
        }

        static List<Shown> of(List<Todo> todos) {
            return todos.stream().map(Shown::of).toList();
        }
    }

    /** A due as the API shows it: all four members, always. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ShownDue(String date, @Nullable String time, @JsonProperty("time_zone") @Nullable String timeZone,
                    @Nullable String at) {

        static ShownDue of(Due due) {
            return new ShownDue(due.date().toString(), due.time() == null ? null : CLOCK.format(due.time()),
                    due.zone() == null ? null : due.zone().getId(), due.at().map(TIMESTAMP::format).orElse(null));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ShownList(List<Shown> items, int count) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ShownPage(List<Shown> items, int count, @Nullable @JsonProperty("next_cursor") String nextCursor) {

        static ShownPage of(TodoJson.Page page) {
            return new ShownPage(Shown.of(page.items()), page.items().size(), page.nextCursor());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record ShownChanges(List<ShownChange> changes, @JsonProperty("next_token") String nextToken,
                        @JsonProperty("has_more") boolean hasMore) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ShownChange(String type, @Nullable Shown todo, @Nullable String id,
                       @JsonProperty("deleted_at") @Nullable String deletedAt) {

        static ShownChange of(TodoChange change) {
            return switch (change) {
                case TodoChange.Upserted upserted -> new ShownChange("upsert", Shown.of(upserted.todo()), null, null);
                case TodoChange.Removed removed -> new ShownChange("delete", null, removed.id().toString(),
                        TIMESTAMP.format(removed.deletedAt()));
            };
        }
    }

    @AfterAll
    static void close() {
        CONTEXT.close();
    }

    private static Todo todo(String title, @Nullable String description, boolean completed) {
        return todo(title, description, completed, Todo.Plan.NONE);
    }

    private static Todo todo(String title, @Nullable String description, boolean completed, Todo.Plan plan) {
        return Todo.restore(TodoId.parse(ID), new TenantId("auth0|5f7c8ec7c33c6c004bbafe82"), Title.stored(title),
                Description.storedNullable(description), plan, completed,
                Instant.parse("2026-01-22T10:15:30.123456Z"), Instant.parse("2026-01-22T10:15:31.000001Z"), 3);
    }

    /** Plans of every shape: none, all day, timed (with zero seconds, and a zone east of UTC), and odd tag text. */
    private static List<Todo.Plan> plans() {
        return List.of(Todo.Plan.NONE,
                new Todo.Plan(Due.allDay(LocalDate.parse("2026-12-24")), Priority.LOW, Tags.NONE),
                new Todo.Plan(Due.of(LocalDate.parse("2026-12-24"), LocalTime.parse("17:30"), ZoneId.of("Europe/Berlin")),
                        Priority.HIGH, Tags.of(List.of("home", "Straße \"quoted\"", "😀 emoji"))),
                new Todo.Plan(Due.of(LocalDate.parse("1900-01-01"), LocalTime.parse("00:00:01"),
                        ZoneId.of("Pacific/Kiritimati")), Priority.MEDIUM, Tags.of(List.of("a\u00e9", "b"))));
    }

    private static byte[] json(Object body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TodoJson.write(body, out);
        return out.toByteArray();
    }

    private static byte[] serde(List<Todo> list) throws IOException {
        return SERDE.writeValueAsBytes(new ShownList(Shown.of(list), list.size()));
    }

    /** A page with no todos and {@code text} as its cursor: text no todo can hold is written as Serde writes it. */
    private static void assertTextWrittenAsSerdeWritesIt(String text) throws IOException {
        TodoJson.Page page = new TodoJson.Page(List.of(), text);
        assertThat(new String(json(page), UTF_8)).isEqualTo(new String(SERDE.writeValueAsBytes(ShownPage.of(page)),
                UTF_8));
    }

    @Test
    void aTodoIsWrittenAsSerdeWritesIt() throws IOException {
        List<Todo> todos = List.of(
                todo("Buy milk", null, false),
                todo("e", "", true),
                todo("quotes \" and \\ backslash / slash", "tab\there\nnew line\r\f\b", false),
                todo("controls \u0001 \u001f \u007f", "é ü ß — 買い物 \u2028 \u2029 \uFFFD", true),
                todo("emoji 😀 👋🏽 🧪", "𝄞 surrogate pairs", false),
                todo("<script>alert(1)</script> & '", "{\"json\": [1, 2]}", true));
        for (Todo todo : todos) {
            assertThat(new String(json(todo), UTF_8))
                    .isEqualTo(new String(SERDE.writeValueAsBytes(Shown.of(todo)), UTF_8));
            assertThat(TodoJson.bytes(todo)).isEqualTo(json(todo));
        }
        assertTextWrittenAsSerdeWritesIt("");
        assertTextWrittenAsSerdeWritesIt("controls \u0000 \u0001 \u001f \u007f");
    }

    @Test
    void aPlanIsWrittenAsSerdeWritesItAfterTheSeedsMembers() throws IOException {
        List<Todo> todos = plans().stream().map(plan -> todo("Plan", "d", false, plan)).toList();
        for (Todo todo : todos) {
            assertThat(new String(json(todo), UTF_8))
                    .isEqualTo(new String(SERDE.writeValueAsBytes(Shown.of(todo)), UTF_8));
        }
        assertThat(TodoJson.bytes(todos)).isEqualTo(serde(todos));
        assertThat(new String(json(todos.get(0)), UTF_8))
                .endsWith(",\"user_id\":\"auth0|5f7c8ec7c33c6c004bbafe82\",\"due\":null,\"priority\":\"none\",\"tags\":[],"
                        + "\"recurrence\":null,\"position\":\"" + todos.get(0).position().value()
                        + "\",\"parent_id\":null,\"next_occurrence_id\":null}");
        assertThat(new String(json(todos.get(1)), UTF_8)).contains(
                ",\"due\":{\"date\":\"2026-12-24\",\"time\":null,\"time_zone\":null,\"at\":null},\"priority\":\"low\"");
        assertThat(new String(json(todos.get(2)), UTF_8)).contains(",\"due\":{\"date\":\"2026-12-24\","
                + "\"time\":\"17:30:00\",\"time_zone\":\"Europe/Berlin\",\"at\":\"2026-12-24T16:30:00.000000Z\"}");
        assertThat(new String(json(todos.get(3)), UTF_8)).contains("\"time\":\"00:00:01\"");
    }

    /** Issue 18: a subtask's parent, its place in the order and the next occurrence follow the tags. */
    @Test
    void aPlaceAndANextOccurrenceAreWrittenAsSerdeWritesThemAfterTheTags() throws IOException {
        TodoId parent = TodoId.parse("0b9e4a1e-8a5c-4e3a-9d4f-3c2b1a0f9e8d");
        TodoId next = TodoId.parse("7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f");
        Todo subtask = Todo.restore(TodoId.parse(ID), new TenantId("alice"), Title.stored("Sub"), null,
                new Todo.Plan(Due.allDay(LocalDate.parse("2026-12-24")), Priority.NONE, Tags.NONE),
                new Todo.Place(OrderKey.between(null, null), parent), next, true,
                Instant.parse("2026-01-22T10:15:30.123456Z"), Instant.parse("2026-01-22T10:15:31.000001Z"), 2);
        String written = new String(json(subtask), UTF_8);
        assertThat(written).isEqualTo(new String(SERDE.writeValueAsBytes(Shown.of(subtask)), UTF_8));
        assertThat(written).endsWith("\"tags\":[],\"recurrence\":null,\"position\":\""
                + subtask.position().value() + "\",\"parent_id\":\"" + parent + "\",\"next_occurrence_id\":\""
                + next + "\"}");
        assertThat(TodoJson.bytes(List.of(subtask))).isEqualTo(serde(List.of(subtask)));
    }

    /** A recurrence is written as its canonical text. */
    @Test
    void aRecurrenceIsWrittenAsItsCanonicalText() throws IOException {
        Todo recurring = todo("Weekly", null, false, new Todo.Plan(Due.allDay(LocalDate.parse("2026-12-24")),
                Priority.NONE, Tags.NONE, Recurrence.parse("rrule:freq=weekly;byday=mo,we")));
        String written = new String(json(recurring), UTF_8);
        assertThat(written).isEqualTo(new String(SERDE.writeValueAsBytes(Shown.of(recurring)), UTF_8));
        assertThat(written).contains("\"tags\":[],\"recurrence\":\"FREQ=WEEKLY;BYDAY=MO,WE\",\"position\":");
    }

    @Test
    void randomTextIsWrittenAsSerdeWritesIt() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        List<Todo> items = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> random.nextInt(0x80, 0x800);
                    case 2 -> random.nextInt(0x800, 0xD800);
                    default -> random.nextInt(0x10000, 0x110000);
                };
                text.appendCodePoint(cp);
            }
            assertTextWrittenAsSerdeWritesIt(text.toString());
            // A title is never empty, blank or with a NUL; the rest of the text is as drawn.
            String title = "t" + text.toString().replace('\u0000', '0');
            String description = text.reverse().toString().replace('\u0000', '0');
            items.add(todo(title, i % 3 == 0 ? null : description, i % 2 == 0));
        }
        for (Todo todo : items) {
            assertThat(json(todo)).isEqualTo(SERDE.writeValueAsBytes(Shown.of(todo)));
        }
        assertThat(TodoJson.bytes(items)).isEqualTo(serde(items));
        // Strings longer than the chunk the list is written in once escaped (2,000 characters of up to six bytes).
        List<Todo> longest = List.of(todo("t".repeat(255), "\u0001".repeat(2_000), true),
                todo("😀".repeat(255), "\"".repeat(1_999) + "é", false), todo("x", null, false));
        for (Todo todo : longest) {
            assertThat(json(todo)).isEqualTo(SERDE.writeValueAsBytes(Shown.of(todo)));
        }
        assertThat(TodoJson.bytes(longest)).isEqualTo(serde(longest));
        assertThat(TodoJson.bytes(List.of())).isEqualTo(serde(List.of()));
    }

    /**
     * Issue 14.3: an emoji is its four UTF-8 bytes, not two six-byte escapes ({@code \uD83D\uDE00}), in the
     * hand-written JSON and in everything Serde writes; a lone half of a pair, which has no UTF-8 form, is escaped.
     */
    @Test
    void charactersOutsideTheBasicMultilingualPlaneAreWrittenAsUtf8() throws IOException {
        Todo todo = todo("😀", "😀".repeat(1_000), false);
        byte[] emoji = {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80};
        String written = new String(json(todo), UTF_8);
        assertThat(written).contains("\"title\":\"😀\"").doesNotContain("\\u");
        assertThat(json(todo)).hasSize(json(todo("x", "y".repeat(1_000), false)).length + 3 + 3 * 1_000)
                .containsSubsequence(emoji);
        assertThat(new String(TodoJson.bytes(List.of(todo)), UTF_8)).doesNotContain("\\u");
        byte[] page = SERDE.writeValueAsBytes(new ShownPage(List.of(Shown.of(todo)), 1, null));
        assertThat(new String(page, UTF_8)).contains("\"title\":\"😀\"").doesNotContain("\\u");
        assertThat(new String(json(new TodoJson.Page(List.of(), "half \uD83D of a pair")), UTF_8))
                .contains("half \\uD83D of a pair");
        assertThat(new String(json(new TodoJson.Page(List.of(), "\uDE00")), UTF_8)).contains("\"\\uDE00\"");
    }

    @Test
    void aPageAndAChangeBatchAreWrittenAsSerdeWritesThem() throws IOException {
        List<Todo> items = List.of(todo("Buy \"milk\"", null, false), todo("😀", "é\n", true, plans().get(2)));
        for (TodoJson.Page page : List.of(new TodoJson.Page(items, "abc_-1"), new TodoJson.Page(items, null),
                new TodoJson.Page(List.of(), null))) {
            assertThat(json(page)).isEqualTo(SERDE.writeValueAsBytes(ShownPage.of(page)));
        }
        List<TodoChange> changes = List.of(new TodoChange.Upserted(items.get(0), 1),
                new TodoChange.Removed(TodoId.parse(ID), Instant.parse("2026-01-22T10:15:30.123456Z"), 2),
                new TodoChange.Upserted(items.get(1), 3));
        for (TodoJson.Changes batch : List.of(new TodoJson.Changes(new ChangeBatch(changes, 3, true), "t.1"),
                new TodoJson.Changes(new ChangeBatch(List.of(), 0, false), "t.2"))) {
            ShownChanges shown = new ShownChanges(batch.batch().changes().stream().map(ShownChange::of).toList(),
                    batch.nextToken(), batch.batch().hasMore());
            assertThat(json(batch)).isEqualTo(SERDE.writeValueAsBytes(shown));
        }
    }

    @Test
    void micronautChoosesTheseWritersForJson() {
        try (ApplicationContext context = ApplicationContext.run()) {
            MessageBodyHandlerRegistry registry = context.getBean(MessageBodyHandlerRegistry.class);
            List<MediaType> json = List.of(MediaType.APPLICATION_JSON_TYPE);
            assertThat(registry.findWriter(Argument.of(Todo.class), json))
                    .containsInstanceOf(TodoJson.TodoWriter.class);
            assertThat(registry.findWriter(Argument.of(TodoJson.Page.class), json))
                    .containsInstanceOf(TodoJson.PageWriter.class);
            assertThat(registry.findWriter(Argument.of(TodoJson.Changes.class), json))
                    .containsInstanceOf(TodoJson.ChangesWriter.class);
        }
    }
}
