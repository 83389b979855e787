package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Finding todos (issue 17) through a real HTTP client against the running service: search, the filters, the new
 * sorts, keyset paging over all of them, the tags routes, tenant isolation, a tag rename racing a change of the same
 * todo, and the change feed after a rename. Bodies are written with single quotes ({@link #json}); todos are named
 * by their titles in the assertions.
 */
class FindingTodosTest {

    private static final int RACE_ROUNDS = 40;

    private static ExecutorService pool;

    private final Api api = TestApp.api();
    private final String tenant = TestApp.newTenant();

    @BeforeAll
    static void startPool() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private JsonNode create(String owner, String body) {
        return api.create(owner, json(body));
    }

    private JsonNode create(String body) {
        return create(tenant, body);
    }

    private static String path(JsonNode todo) {
        return "/api/v1/todos/" + todo.get("id").asText();
    }

    private JsonNode read(String owner, JsonNode todo) {
        Api.Response response = api.get(path(todo)).tenant(owner).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private String etag(String owner, JsonNode todo) {
        return api.get(path(todo)).tenant(owner).send().header("ETag").orElseThrow();
    }

    /** The titles of the unpaged list with this query string, in order. */
    private List<String> titles(String owner, String query) {
        Api.Response response = api.get("/api/v1/todos?" + query).tenant(owner).send();
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
        return titlesOf(response.json().get("items"));
    }

    private List<String> titles(String query) {
        return titles(tenant, query);
    }

    private static List<String> titlesOf(Iterable<JsonNode> todos) {
        List<String> titles = new ArrayList<>();
        todos.forEach(t -> titles.add(t.get("title").asText()));
        return titles;
    }

    /** Every page of the list with this query string, following the Link header, as the titles in order. */
    private List<String> pageThrough(String query, int limit) {
        List<JsonNode> seen = new ArrayList<>();
        String next = "/api/v1/todos?limit=" + limit + "&" + query;
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages of " + query).isLessThan(100);
            Api.Response response = api.get(next).tenant(tenant).send();
            assertThat(response.status()).as(next + ": " + response.body()).isEqualTo(200);
            JsonNode page = response.json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(seen::add);
            if (page.get("next_cursor").isNull()) {
                next = null;
            } else {
                String link = response.header("Link").orElseThrow();
                next = link.substring(1, link.indexOf('>'));
            }
        }
        Set<String> ids = new HashSet<>();
        seen.forEach(t -> assertThat(ids.add(t.get("id").asText())).as("seen twice: " + t).isTrue());
        return titlesOf(seen);
    }

    private void assertPagesExactly(String query, List<String> expected) {
        assertThat(titles(query)).as(query).containsExactlyElementsOf(expected);
        for (int limit : List.of(1, 2, 3, 500)) {
            assertThat(pageThrough(query, limit)).as(query + " by " + limit).containsExactlyElementsOf(expected);
        }
    }

    private static void assertBadParameter(Api.Response response, String parameter) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error_code").asText()).isEqualTo("VALIDATION_ERROR");
        List<String> fields = new ArrayList<>();
        response.json().get("field_errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).as(response.body()).contains(parameter);
    }

    // --- search ----------------------------------------------------------------------------------------------

    /** Todos for the searches below, created in this order (so the later ones are newer). */
    private void searchable() {
        create("{'title': 'Buy milk'}");
        create("{'title': 'Milk for the cat', 'description': 'buy it on the way'}");
        create("{'title': 'BÜY MÍNT tea'}");
        create("{'title': 'buyer mint'}");
        create("{'title': 'Buy bread', 'description': 'and some milk'}");
        create("{'title': 'Mike buys things'}");
        create("{'title': 'milk'}");
        create("{'title': 'buy', 'description': 'Mi'}");
        create("{'title': 'Call mum', 'description': 'buy-milk reminder'}");
    }

    @Test
    void searchFindsEveryWordIgnoringCaseAndAccentsTheLastAsAPrefixBestMatchesFirst() {
        searchable();
        // rank 2 (both words in the title), newest first; then rank 1; then rank 0 (in the description only)
        List<String> buyMi = List.of("BÜY MÍNT tea", "Buy milk", "buy", "Buy bread", "Milk for the cat", "Call mum");
        assertPagesExactly("q=" + enc("buy mi"), buyMi);
        assertThat(titles("q=" + enc("BUY MI"))).containsExactlyElementsOf(buyMi);
        assertThat(titles("q=" + enc("büy  mì"))).containsExactlyElementsOf(buyMi);
        assertThat(titles("q=" + enc("buy, mi!"))).containsExactlyElementsOf(buyMi);

        assertThat(titles("q=" + enc("buy mint"))).as("a word before the last is a whole word")
                .containsExactly("BÜY MÍNT tea");
        assertThat(titles("q=" + enc("mint buy"))).as("the last word is a prefix")
                .containsExactly("buyer mint", "BÜY MÍNT tea");
        assertThat(titles("q=" + enc("milk cat"))).containsExactly("Milk for the cat");
        assertThat(titles("q=ca")).containsExactly("Call mum", "Milk for the cat");
        assertThat(titles("q=ilk")).as("words, not substrings").isEmpty();
        assertThat(titles("q=" + enc("milk dog"))).as("every word must match").isEmpty();
        assertThat(titles("q=" + enc("reminder"))).containsExactly("Call mum");
    }

    @Test
    void aSortGivenWithASearchOrdersTheMatchesByIt() {
        searchable();
        assertPagesExactly("q=" + enc("buy mi") + "&sort=created_at",
                List.of("Buy milk", "Milk for the cat", "BÜY MÍNT tea", "Buy bread", "buy", "Call mum"));
        assertThat(titles("q=" + enc("buy mi") + "&sort=-title"))
                .containsExactly("buy", "Milk for the cat", "Call mum", "BÜY MÍNT tea", "Buy milk", "Buy bread");
        assertPagesExactly("q=" + enc("buy mi") + "&completed=false&sort=-created_at",
                List.of("Call mum", "buy", "Buy bread", "BÜY MÍNT tea", "Milk for the cat", "Buy milk"));
    }

    @Test
    void aChangedTitleIsFoundByItsNewWordsOnly() {
        JsonNode todo = create("{'title': 'Water the plants'}");
        assertThat(titles("q=plan")).containsExactly("Water the plants");
        api.patch(path(todo)).tenant(tenant).json(json("{'title': 'Feed the café cat', 'description': 'Ñandú'}"))
                .send();
        assertThat(titles("q=plan")).isEmpty();
        assertThat(titles("q=" + enc("cafe nandu"))).containsExactly("Feed the café cat");
    }

    // --- filters ---------------------------------------------------------------------------------------------

    @Test
    void priorityTagAndDueFiltersCombineAndPageExactly() {
        create("{'title': 'a', 'priority': 'high', 'tags': ['home', 'Errand'], 'due': {'date': '2026-12-01'}}");
        create("{'title': 'b', 'priority': 'medium', 'tags': ['HOME'], 'due': {'date': '2026-12-15', "
                + "'time': '23:30:00', 'time_zone': 'Pacific/Kiritimati'}}");
        create("{'title': 'c', 'priority': 'low', 'tags': ['errand', 'home'], 'due': {'date': '2026-12-31'}}");
        create("{'title': 'd', 'priority': 'high', 'due': {'date': '2027-01-01'}}");
        create("{'title': 'e', 'tags': ['work']}");
        JsonNode f = create("{'title': 'f', 'priority': 'high', 'tags': ['home', 'errand'], "
                + "'due': {'date': '2026-12-02'}}");
        api.patch(path(f)).tenant(tenant).json("{\"is_completed\": true}").send();

        assertPagesExactly("priority=" + enc("high,medium"), List.of("a", "b", "d", "f"));
        assertThat(titles("priority=none")).containsExactly("e");
        assertPagesExactly("tag=home", List.of("a", "b", "c", "f"));
        assertThat(titles("tag=home&tag=ERRAND")).containsExactly("a", "c", "f");
        assertThat(titles("tag=Errand&tag=work")).isEmpty();
        assertThat(titles("tag=nothing")).isEmpty();
        assertPagesExactly("due_after=2026-12-01&due_before=2026-12-31", List.of("a", "b", "c", "f"));
        assertThat(titles("due_before=2026-12-15")).as("inclusive, on the due's date").containsExactly("a", "b", "f");
        assertThat(titles("due_after=2026-12-16")).containsExactly("c", "d");
        assertThat(titles("has_due=false")).containsExactly("e");
        assertThat(titles("has_due=true")).containsExactly("a", "b", "c", "d", "f");
        assertPagesExactly("completed=false&priority=high&tag=home&due_before=2026-12-31&sort=due", List.of("a"));
        assertPagesExactly("priority=" + enc("high,medium,low") + "&tag=home&sort=-due", List.of("c", "b", "f", "a"));
    }

    /**
     * An all-day due is overdue once its date is before today in the request's time_zone; Kiritimati (UTC+14) and
     * Pago Pago (UTC-11) are always a day or two apart. Repeated if a date changes while it runs.
     */
    @Test
    void overdueJudgesAllDayDuesInTheRequestsTimeZone() {
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati");
        for (int attempt = 0; ; attempt++) {
            String owner = TestApp.newTenant();
            LocalDate todayThere = LocalDate.now(kiritimati);
            LocalDate todayUtc = LocalDate.now(ZoneOffset.UTC);
            create(owner, "{'title': 'yesterday in Kiritimati', 'due': {'date': '" + todayThere.minusDays(1) + "'}}");
            create(owner, "{'title': 'today in Kiritimati', 'due': {'date': '" + todayThere + "'}}");
            create(owner, "{'title': 'timed, past', 'due': {'date': '" + todayUtc.minusDays(2)
                    + "', 'time': '12:00:00', 'time_zone': 'UTC'}}");
            create(owner, "{'title': 'timed, future', 'due': {'date': '" + todayUtc.plusDays(2)
                    + "', 'time': '12:00:00', 'time_zone': 'Europe/Berlin'}}");
            JsonNode done = create(owner, "{'title': 'done, long ago', 'due': {'date': '2020-01-01'}}");
            api.patch(path(done)).tenant(owner).json("{\"is_completed\": true}").send();
            create(owner, "{'title': 'no due'}");

            List<String> inKiritimati = titles(owner, "overdue=true&time_zone=Pacific/Kiritimati");
            List<String> inPagoPago = titles(owner, "overdue=true&time_zone=" + enc("Pacific/Pago_Pago"));
            List<String> inUtc = titles(owner, "overdue=true");
            List<String> notInKiritimati = titles(owner, "overdue=false&time_zone=Pacific/Kiritimati");
            if (!todayThere.equals(LocalDate.now(kiritimati)) || !todayUtc.equals(LocalDate.now(ZoneOffset.UTC))) {
                assertThat(attempt).as("a date changed during every attempt").isLessThan(3);
                continue;
            }
            assertThat(inKiritimati).containsExactly("yesterday in Kiritimati", "timed, past");
            assertThat(inPagoPago).containsExactly("timed, past");
            assertThat(inUtc).containsExactlyElementsOf(todayThere.minusDays(1).isBefore(todayUtc)
                    ? List.of("yesterday in Kiritimati", "timed, past") : List.of("timed, past"));
            assertThat(notInKiritimati).containsExactly("today in Kiritimati", "timed, future", "done, long ago",
                    "no due");
            return;
        }
    }

    // --- sorts -----------------------------------------------------------------------------------------------

    @Test
    void sortingByDuePutsTimedDuesBeforeAllDayOnesOfTheirDayAndTodosWithoutADueLastBothWays() {
        create("{'title': 'no due 1'}");
        create("{'title': 'all day 05-02', 'due': {'date': '2026-05-02'}}");
        create("{'title': '05-02 09:00 Berlin', 'due': {'date': '2026-05-02', 'time': '09:00:00', "
                + "'time_zone': 'Europe/Berlin'}}");
        create("{'title': '05-02 08:00 New York', 'due': {'date': '2026-05-02', 'time': '08:00:00', "
                + "'time_zone': 'America/New_York'}}");
        create("{'title': 'all day 05-01', 'due': {'date': '2026-05-01'}}");
        create("{'title': '05-03 00:30 Kiritimati', 'due': {'date': '2026-05-03', 'time': '00:30:00', "
                + "'time_zone': 'Pacific/Kiritimati'}}");
        create("{'title': 'no due 2'}");
        create("{'title': 'all day 05-02, later', 'due': {'date': '2026-05-02'}}");

        assertPagesExactly("sort=due", List.of("all day 05-01", "05-02 09:00 Berlin", "05-02 08:00 New York",
                "all day 05-02", "all day 05-02, later", "05-03 00:30 Kiritimati", "no due 1", "no due 2"));
        assertPagesExactly("sort=-due", List.of("05-03 00:30 Kiritimati", "all day 05-02, later", "all day 05-02",
                "05-02 08:00 New York", "05-02 09:00 Berlin", "all day 05-01", "no due 2", "no due 1"));
        assertPagesExactly("sort=-due&has_due=true&due_before=2026-05-02", List.of("all day 05-02, later",
                "all day 05-02", "05-02 08:00 New York", "05-02 09:00 Berlin", "all day 05-01"));
    }

    @Test
    void sortingByPriorityBreaksTiesByCreation() {
        List<String> priorities = List.of("low", "high", "none", "medium", "high", "low", "none");
        for (int i = 0; i < priorities.size(); i++) {
            create("{'title': '" + priorities.get(i) + " " + i + "', 'priority': '" + priorities.get(i) + "'}");
        }
        assertPagesExactly("sort=priority", List.of("none 2", "none 6", "low 0", "low 5", "medium 3", "high 1",
                "high 4"));
        assertPagesExactly("sort=-priority", List.of("high 4", "high 1", "medium 3", "low 5", "low 0", "none 6",
                "none 2"));
        assertPagesExactly("sort=-priority&priority=" + enc("low,high"), List.of("high 4", "high 1", "low 5", "low 0"));
    }

    @Test
    void aCursorIsBoundToTheSearchAndEveryFilter() {
        for (int i = 0; i < 4; i++) {
            create("{'title': 'milk " + i + "', 'tags': ['home'], 'due': {'date': '2999-12-0" + (i + 1) + "'}}");
        }
        String query = "q=milk&tag=home&due_before=2999-12-31&overdue=false&time_zone=UTC&sort=due";
        JsonNode first = api.get("/api/v1/todos?limit=1&" + query).tenant(tenant).send().json();
        assertThat(titlesOf(first.get("items"))).containsExactly("milk 0");
        String cursor = first.get("next_cursor").asText();
        assertThat(api.get("/api/v1/todos?limit=1&" + query + "&cursor=" + enc(cursor)).tenant(tenant).send()
                .status()).isEqualTo(200);
        for (String other : List.of(query.replace("q=milk", "q=mil"), query.replace("tag=home", "tag=HOUSE"),
                query.replace("2999-12-31", "2999-12-30"), query.replace("overdue=false", "overdue=true"),
                query.replace("time_zone=UTC", "time_zone=" + enc("Europe/Berlin")), query.replace("sort=due", "sort=-due"),
                query + "&priority=none", query + "&has_due=true", query + "&due_after=2026-01-01")) {
            assertBadParameter(api.get("/api/v1/todos?limit=1&" + other + "&cursor=" + enc(cursor)).tenant(tenant)
                    .send(), "cursor");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"q=", "q=%21%3F%21", "q=a&q=b", "priority=urgent", "priority=HIGH", "priority=high%2C%2C",
        "priority=high&priority=low", "tag=", "tag=%20", "due_before=2026-02-30", "due_before=2026-12-1",
        "due_after=tomorrow", "due_after=3000-01-01", "due_after=2026-01-01&due_after=2026-02-01", "has_due=yes",
        "has_due=", "overdue=1", "time_zone=Mars%2FBase", "time_zone=%2B01%3A00", "time_zone=utc", "sort=--due",
        "sort=due%2Cpriority", "sort=relevance"})
    void aBadSearchFilterOrSortIs400NamingIt(String query) {
        String parameter = query.substring(0, query.indexOf('='));
        assertBadParameter(api.get("/api/v1/todos?" + query).tenant(tenant).send(), parameter);
        assertBadParameter(api.get("/api/v1/todos?limit=5&" + query).tenant(tenant).send(), parameter);
    }

    @Test
    void aTagFilterLongerThanATagIs400() {
        assertBadParameter(api.get("/api/v1/todos?tag=" + "x".repeat(65)).tenant(tenant).send(), "tag");
        assertThat(api.get("/api/v1/todos?tag=" + "x".repeat(64)).tenant(tenant).send().status()).isEqualTo(200);
    }

    @Test
    void theV2ListTakesTheSameSearchFiltersAndSorts() {
        String v2 = "/api/" + enc(tenant) + "/tasks";
        create("{'title': 'Buy milk', 'priority': 'high', 'tags': ['shop'], 'due': {'date': '2026-12-02'}}");
        create("{'title': 'Buy bread', 'priority': 'low', 'tags': ['shop'], 'due': {'date': '2026-12-01'}}");
        create("{'title': 'Sell car', 'priority': 'high'}");
        Api.Response searched = api.get(v2 + "?q=buy&tag=SHOP&sort=due").tenant(tenant).send();
        assertThat(searched.status()).as(searched.body()).isEqualTo(200);
        assertThat(titlesOf(searched.json().get("items"))).containsExactly("Buy bread", "Buy milk");
        assertThat(titlesOf(api.get(v2 + "?priority=high&sort=-priority&limit=1").tenant(tenant).send().json()
                .get("items"))).hasSize(1);
        assertThat(titlesOf(api.get(v2 + "?has_due=false").tenant(tenant).send().json().get("items")))
                .containsExactly("Sell car");
        assertBadParameter(api.get(v2 + "?priority=urgent").tenant(tenant).send(), "priority");
    }

    // --- tags as a whole -------------------------------------------------------------------------------------

    private Api.Response tags(String owner) {
        return api.get("/api/v1/tags").tenant(owner).send();
    }

    /** The tenant's tags as name → count, in the order listed. */
    private Map<String, Integer> tagCounts(String owner) {
        Api.Response response = tags(owner);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().has("items")).as("items in " + response.body()).isTrue();
        Map<String, Integer> counts = new LinkedHashMap<>();
        response.json().get("items").forEach(t -> counts.put(t.get("name").asText(), t.get("count").asInt()));
        assertThat(response.json().get("count").asInt()).isEqualTo(counts.size());
        return counts;
    }

    private Api.Response rename(String owner, String from, String body) {
        return api.patch("/api/v1/tags/" + enc(from).replace("+", "%20")).tenant(owner).json(json(body)).send();
    }

    private Api.Response deleteTag(String owner, String name) {
        return api.delete("/api/v1/tags/" + enc(name).replace("+", "%20")).tenant(owner).send();
    }

    @Test
    void tagsListsEachTagOnceIgnoringCaseInItsMostUsedSpellingWithItsCount() {
        assertThat(tagCounts(tenant)).isEmpty();
        create("{'title': '1', 'tags': ['home', 'Errand']}");
        create("{'title': '2', 'tags': ['Home']}");
        create("{'title': '3', 'tags': ['home', 'zebra', 'Haus & Hof']}");
        create("{'title': '4'}");
        assertThat(tagCounts(tenant)).containsExactly(Map.entry("Errand", 1), Map.entry("Haus & Hof", 1),
                Map.entry("home", 3), Map.entry("zebra", 1));
    }

    @Test
    void renamingATagChangesEveryTodoCarryingItMergesAndShowsEachInTheChangeFeed() {
        JsonNode a = create("{'title': 'a', 'tags': ['x', 'home', 'y']}");
        JsonNode b = create("{'title': 'b', 'tags': ['HOME', 'house']}");
        JsonNode c = create("{'title': 'c', 'tags': ['house', 'Home']}");
        JsonNode untouched = create("{'title': 'untouched', 'tags': ['x']}");
        String token = api.get("/api/v1/todos/changes").tenant(tenant).send().json().get("next_token").asText();

        Api.Response renamed = rename(tenant, "Home", "{'name': ' house '}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("house");
        assertThat(renamed.json().get("count").asInt()).isEqualTo(3);

        assertThat(read(tenant, a).get("tags")).extracting(JsonNode::asText).containsExactly("x", "house", "y");
        assertThat(read(tenant, b).get("tags")).as("merged into the tag it had").extracting(JsonNode::asText)
                .containsExactly("house");
        assertThat(read(tenant, c).get("tags")).extracting(JsonNode::asText).containsExactly("house");
        for (JsonNode changed : List.of(a, b, c)) {
            assertThat(etag(tenant, changed)).isEqualTo("\"2\"");
            assertThat(read(tenant, changed).get("updated_at").asText())
                    .isGreaterThan(changed.get("updated_at").asText());
        }
        assertThat(etag(tenant, untouched)).isEqualTo("\"1\"");
        assertThat(read(tenant, untouched)).isEqualTo(untouched);
        assertThat(tagCounts(tenant)).containsExactly(Map.entry("house", 3), Map.entry("x", 2), Map.entry("y", 1));

        JsonNode feed = api.get("/api/v1/todos/changes?since=" + enc(token)).tenant(tenant).send().json();
        Map<String, JsonNode> upserts = new HashMap<>();
        for (JsonNode change : feed.get("changes")) {
            assertThat(change.get("type").asText()).isEqualTo("upsert");
            upserts.put(change.get("todo").get("title").asText(), change.get("todo"));
        }
        assertThat(upserts).containsOnlyKeys("a", "b", "c");
        assertThat(feed.get("changes")).hasSize(3);
        for (JsonNode changed : List.of(a, b, c)) {
            assertThat(upserts.get(changed.get("title").asText())).isEqualTo(read(tenant, changed));
        }

        assertThat(rename(tenant, "house", "{'name': 'House'}").json().get("name").asText()).isEqualTo("House");
        assertThat(read(tenant, a).get("tags")).extracting(JsonNode::asText).containsExactly("x", "House", "y");
        assertThat(titles("tag=HOUSE")).containsExactly("a", "b", "c");
    }

    @Test
    void deletingATagRemovesItFromEveryTodoAndAnUnknownTagIs404() {
        JsonNode a = create("{'title': 'a', 'tags': ['x', 'Errand']}");
        JsonNode b = create("{'title': 'b', 'tags': ['errand']}");
        create("{'title': 'c', 'tags': ['x']}");
        String token = api.get("/api/v1/todos/changes").tenant(tenant).send().json().get("next_token").asText();

        Api.Response deleted = deleteTag(tenant, "ERRAND");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(read(tenant, a).get("tags")).extracting(JsonNode::asText).containsExactly("x");
        assertThat(read(tenant, b).get("tags")).isEmpty();
        assertThat(etag(tenant, b)).isEqualTo("\"2\"");
        assertThat(tagCounts(tenant)).containsExactly(Map.entry("x", 2));
        JsonNode feed = api.get("/api/v1/todos/changes?since=" + enc(token)).tenant(tenant).send().json();
        assertThat(titlesOf(feed.get("changes").findValues("todo"))).containsExactlyInAnyOrder("a", "b");

        for (Api.Response response : List.of(deleteTag(tenant, "errand"), rename(tenant, "errand", "{'name': 'e'}"),
                deleteTag(tenant, "never"), rename(tenant, "never", "{'name': 'e'}"))) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
            assertThat(response.json().get("error_code").asText()).isEqualTo("NOT_FOUND");
        }
        assertThat(etag(tenant, a)).isEqualTo("\"2\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{'name': ''}", "{'name': '   '}", "{'name': null}", "{'name': 7}",
        "{'name': 'a\\tb'}", "{'name': ['a']}", "{'name': 'ok', 'count': 1}"})
    void aRenameToSomethingThatIsNotATagIs422AndChangesNothing(String body) {
        JsonNode todo = create("{'title': 't', 'tags': ['home']}");
        Api.Response response = rename(tenant, "home", body);
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        assertThat(response.json().get("error_code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(response.json().get("field_errors").findValuesAsText("field"))
                .containsAnyOf("name", "count");
        assertThat(read(tenant, todo)).isEqualTo(todo);
    }

    @Test
    void searchTagFiltersAndTagsNeverSeeOrChangeAnotherTenantsTodos() {
        String other = TestApp.newTenant();
        JsonNode mine = create("{'title': 'Buy milk', 'tags': ['home', 'shared']}");
        JsonNode theirs = create(other, "{'title': 'Buy milk too', 'tags': ['home', 'shared', 'secret']}");
        JsonNode theirsToo = create(other, "{'title': 'milk shake', 'tags': ['Shared']}");

        assertThat(titles("q=milk")).containsExactly("Buy milk");
        assertThat(titles("q=" + enc("buy milk") + "&limit=10")).containsExactly("Buy milk");
        assertThat(titles("tag=home")).containsExactly("Buy milk");
        assertThat(titles("tag=secret")).isEmpty();
        assertThat(tagCounts(tenant)).containsExactly(Map.entry("home", 1), Map.entry("shared", 1));
        // one todo each spells it "shared" and "Shared": the first by code point is shown
        assertThat(tagCounts(other)).containsExactly(Map.entry("home", 1), Map.entry("secret", 1),
                Map.entry("Shared", 2));

        assertThat(rename(tenant, "shared", "{'name': 'ours'}").json().get("count").asInt()).isEqualTo(1);
        assertThat(deleteTag(tenant, "home").status()).isEqualTo(204);
        assertThat(rename(tenant, "secret", "{'name': 'stolen'}").status()).isEqualTo(404);
        assertThat(deleteTag(tenant, "secret").status()).isEqualTo(404);

        assertThat(read(other, theirs)).isEqualTo(theirs);
        assertThat(read(other, theirsToo)).isEqualTo(theirsToo);
        assertThat(etag(other, theirs)).isEqualTo("\"1\"");
        assertThat(tagCounts(other)).containsExactly(Map.entry("home", 1), Map.entry("secret", 1),
                Map.entry("Shared", 2));
        assertThat(read(tenant, mine).get("tags")).extracting(JsonNode::asText).containsExactly("ours");
        assertThat(titles(other, "q=milk")).containsExactly("milk shake", "Buy milk too");
        assertThat(api.get("/api/v1/todos/changes").tenant(other).send().json().get("changes")).hasSize(2);
    }

    @Test
    void theV2TagRoutesActOnTheSameTagsAndRefuseAnotherUserId() {
        String v2 = "/api/" + enc(tenant) + "/tags";
        JsonNode todo = create("{'title': 't', 'tags': ['home']}");
        Api.Response listed = api.get(v2).tenant(tenant).send();
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.json()).isEqualTo(tags(tenant).json());
        String intruder = TestApp.newTenant();
        for (Api.Call call : new Api.Call[] {api.get(v2), api.patch(v2 + "/home").json(json("{'name': 'x'}")),
            api.delete(v2 + "/home")}) {
            Api.Response response = call.tenant(intruder).send();
            assertThat(response.status()).as(response.body()).isEqualTo(403);
        }
        assertThat(read(tenant, todo)).isEqualTo(todo);
        Api.Response renamed = api.patch(v2 + "/HOME").tenant(tenant).json(json("{'name': 'house'}")).send();
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(read(tenant, todo).get("tags")).extracting(JsonNode::asText).containsExactly("house");
        assertThat(api.delete(v2 + "/house").tenant(tenant).send().status()).isEqualTo(204);
        assertThat(read(tenant, todo).get("tags")).isEmpty();
        assertThat(api.delete(v2 + "/house").tenant(tenant).send().status()).isEqualTo(404);
    }

    // --- a rename racing a change of the same todo -----------------------------------------------------------

    /** Runs both at once, released together, and returns their answers. */
    private static List<Api.Response> together(Callable<Api.Response> first, Callable<Api.Response> second)
            throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> futures = new ArrayList<>();
        for (Callable<Api.Response> call : List.of(first, second)) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<Api.Response> answers = new ArrayList<>();
        for (Future<Api.Response> future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    private static int version(Api.Response response) {
        String tag = response.header("ETag").orElseThrow();
        return Integer.parseInt(tag.substring(1, tag.length() - 1));
    }

    @Test
    void aTagRenameRacingAPatchOfTheSameTodoLosesNeitherChange() throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            String owner = TestApp.newTenant();
            JsonNode todo = create(owner, "{'title': 'contested', 'tags': ['a', 'home', 'z']}");
            JsonNode bystander = create(owner, "{'title': 'bystander', 'tags': ['home']}");
            String token = api.get("/api/v1/todos/changes").tenant(owner).send().json().get("next_token").asText();
            List<Api.Response> answers = together(
                    () -> api.patch(path(todo)).tenant(owner)
                            .json(json("{'title': 'patched', 'priority': 'high'}")).send(),
                    () -> rename(owner, "home", "{'name': 'house'}"));
            Api.Response patched = answers.get(0);
            Api.Response renamed = answers.get(1);
            assertThat(patched.status()).as("round %d: %s", round, patched.body()).isEqualTo(200);
            assertThat(renamed.status()).as("round %d: %s", round, renamed.body()).isEqualTo(200);
            assertThat(renamed.json().get("count").asInt()).isEqualTo(2);

            Api.Response now = api.get(path(todo)).tenant(owner).send();
            JsonNode last = now.json();
            assertThat(last.get("title").asText()).as("round %d", round).isEqualTo("patched");
            assertThat(last.get("priority").asText()).as("round %d", round).isEqualTo("high");
            assertThat(last.get("tags")).as("round %d", round).extracting(JsonNode::asText)
                    .containsExactly("a", "house", "z");
            assertThat(version(now)).as("round %d: one version per write", round).isEqualTo(3);
            // The PATCH's answer is the todo at its own version: before the rename (2) or after it (3).
            int patchVersion = version(patched);
            assertThat(patchVersion).as("round %d", round).isIn(2, 3);
            assertThat(patched.json().get("tags")).extracting(JsonNode::asText)
                    .containsExactly("a", patchVersion == 2 ? "home" : "house", "z");
            if (patchVersion == 3) {
                assertThat(patched.json()).isEqualTo(last);
            }
            assertThat(read(owner, bystander).get("tags")).extracting(JsonNode::asText).containsExactly("house");

            JsonNode changes = api.get("/api/v1/todos/changes?since=" + enc(token)).tenant(owner).send().json()
                    .get("changes");
            assertThat(changes.findValues("todo")).as("round %d", round).hasSize(2).contains(last);
        }
    }

    @Test
    void aTagRenameRacingAPatchOfTheSameTodosTagsEndsAsOneOfTheTwoOrders() throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            String owner = TestApp.newTenant();
            JsonNode todo = create(owner, "{'title': 'contested', 'tags': ['home']}");
            List<Api.Response> answers = together(
                    () -> api.patch(path(todo)).tenant(owner).json(json("{'tags': ['home', 'new']}")).send(),
                    () -> rename(owner, "home", "{'name': 'house'}"));
            assertThat(answers.get(0).status()).as("round %d: %s", round, answers.get(0).body()).isEqualTo(200);
            assertThat(answers.get(1).status()).as("round %d: %s", round, answers.get(1).body()).isEqualTo(200);
            Api.Response now = api.get(path(todo)).tenant(owner).send();
            List<String> tags = tagsOf(now.json());
            int patchVersion = version(answers.get(0));
            if (patchVersion == 2) {
                // the PATCH first, then the rename of every todo carrying home
                assertThat(tags).as("round %d", round).containsExactly("house", "new");
                assertThat(version(now)).isEqualTo(3);
            } else {
                // the rename first, then the PATCH, which sets home again
                assertThat(patchVersion).as("round %d", round).isEqualTo(3);
                assertThat(tags).as("round %d", round).containsExactly("home", "new");
                assertThat(version(now)).isEqualTo(3);
            }
        }
    }

    private static List<String> tagsOf(JsonNode todo) {
        List<String> tags = new ArrayList<>();
        todo.get("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }
}
