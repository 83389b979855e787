package dev.todo.app;

import static dev.todo.app.Tenant.assertRefused;
import static dev.todo.app.Tenant.id;
import static dev.todo.app.Tenant.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Subtasks (issue 18) through a real HTTP client against the running service, v1 and v2: a subtask made on create or
 * by a move, one level only, {@code ?parent_id} listing one todo's subtasks in their order, deletes and clear-completed
 * taking subtasks with them (a tombstone each), completing a parent leaving its subtasks open, and one tenant never
 * reaching another's todos through {@code parent_id} (ADR 0039).
 */
class SubtasksTest {

    private static Tenant tenant(boolean v2) {
        return v2 ? Tenant.v2() : Tenant.v1();
    }

    private static JsonNode subtask(Tenant tenant, JsonNode parent, String title) {
        return tenant.create("{'title': '" + title + "', 'parent_id': '" + id(parent) + "'}");
    }

    private static String under(JsonNode parent) {
        return "parent_id=" + id(parent);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSubtaskIsMadeOnCreateAndListedUnderItsParentInOrder(boolean v2) {
        Tenant tenant = tenant(v2);
        JsonNode parent = tenant.create("{'title': 'trip'}");
        JsonNode other = tenant.create("{'title': 'other'}");
        JsonNode tickets = subtask(tenant, parent, "tickets");
        JsonNode bags = tenant.create("{'title': 'bags', 'parent_id': '" + id(parent) + "', "
                + "'priority': 'high'}");
        assertThat(tickets.get("parent_id").asText()).isEqualTo(id(parent));
        assertThat(bags.get("parent_id").asText()).isEqualTo(id(parent));
        assertThat(tenant.read(tickets)).isEqualTo(tickets);
        assertThat(parent.get("parent_id").isNull()).isTrue();
        assertThat(tenant.create("{'title': 'top', 'parent_id': null}").get("parent_id").isNull()).isTrue();

        assertThat(tenant.titles(under(parent))).containsExactly("tickets", "bags");
        assertThat(tenant.titles(under(parent) + "&sort=-position")).containsExactly("bags", "tickets");
        assertThat(tenant.titles(under(other))).isEmpty();
        assertThat(tenant.titles(under(tickets))).isEmpty();
        assertThat(tenant.titles(under(parent) + "&priority=high")).containsExactly("bags");
        for (int limit : List.of(1, 2, 500)) {
            assertThat(tenant.pageThrough(under(parent), limit)).containsExactly("tickets", "bags");
        }

        Map<String, String> parents = new HashMap<>();
        tenant.list("").forEach(t -> parents.put(t.get("title").asText(),
                t.get("parent_id").isNull() ? null : t.get("parent_id").asText()));
        assertThat(parents).containsOnlyKeys("trip", "other", "tickets", "bags", "top");
        assertThat(parents.get("tickets")).isEqualTo(id(parent));
        assertThat(parents.get("bags")).isEqualTo(id(parent));
        assertThat(parents.get("trip")).isNull();

        tenant.moved(bags, "{'after': null}");
        assertThat(tenant.titles(under(parent))).containsExactly("bags", "tickets");
        tenant.moved(bags, "{'after': '" + id(tickets) + "'}");
        assertThat(tenant.titles(under(parent))).containsExactly("tickets", "bags");
    }

    @Test
    void aMalformedParentIdParameterIs400NamingIt() {
        Tenant tenant = Tenant.v1();
        for (String bad : List.of("not-a-uuid", "", "1")) {
            Api.Response response = tenant.api.get(tenant.base + "?parent_id=" + bad).tenant(tenant.id).send();
            assertThat(response.status()).as(bad + ": " + response.body()).isEqualTo(400);
            assertThat(response.body()).contains("parent_id");
        }
        Api.Response twice = tenant.api.get(tenant.base + "?parent_id=" + UUID.randomUUID() + "&parent_id="
                + UUID.randomUUID()).tenant(tenant.id).send();
        assertThat(twice.status()).isEqualTo(400);
    }

    @Test
    void aCursorIsBoundToTheParent() {
        Tenant tenant = Tenant.v1();
        JsonNode parent = tenant.create("{'title': 'p'}");
        subtask(tenant, parent, "s1");
        subtask(tenant, parent, "s2");
        JsonNode page = tenant.api.get(tenant.base + "?limit=1&" + under(parent)).tenant(tenant.id).send().json();
        String cursor = URLEncoder.encode(page.get("next_cursor").asText(), StandardCharsets.UTF_8);
        assertThat(tenant.api.get(tenant.base + "?limit=1&" + under(parent) + "&cursor=" + cursor).tenant(tenant.id)
                .send().json().get("items").get(0).get("title").asText()).isEqualTo("s2");
        assertThat(tenant.api.get(tenant.base + "?limit=1&sort=position&cursor=" + cursor).tenant(tenant.id).send()
                .status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMovePutsATodoUnderAParentAndTakesItOut(boolean v2) {
        Tenant tenant = tenant(v2);
        JsonNode parent = tenant.create("{'title': 'p'}");
        JsonNode first = subtask(tenant, parent, "s1");
        JsonNode loose = tenant.create("{'title': 'loose'}");
        JsonNode next = tenant.create("{'title': 'next'}");

        JsonNode in = tenant.moved(loose, "{'parent_id': '" + id(parent) + "', 'after': null}");
        assertThat(in.get("parent_id").asText()).isEqualTo(id(parent));
        assertThat(tenant.titles(under(parent))).containsExactly("loose", "s1");
        assertThat(tenant.titles("sort=position")).as("a first subtask comes right after its parent")
                .containsExactly("p", "loose", "s1", "next");

        JsonNode last = tenant.moved(loose, "{'after': '" + id(first) + "'}");
        assertThat(last.get("parent_id").asText()).as("absent parent_id keeps the parent").isEqualTo(id(parent));
        assertThat(tenant.titles(under(parent))).containsExactly("s1", "loose");

        JsonNode out = tenant.moved(loose, "{'parent_id': null, 'after': '" + id(next) + "'}");
        assertThat(out.get("parent_id").isNull()).isTrue();
        assertThat(tenant.titles(under(parent))).containsExactly("s1");
        assertThat(tenant.titles("sort=position")).containsExactly("p", "s1", "next", "loose");

        JsonNode alone = tenant.create("{'title': 'alone'}");
        tenant.moved(first, "{'parent_id': '" + id(alone) + "', 'after': null}");
        assertThat(tenant.titles(under(parent))).isEmpty();
        assertThat(tenant.titles(under(alone))).containsExactly("s1");
        assertThat(tenant.titles("sort=position")).containsExactly("p", "next", "loose", "alone", "s1");

        Api.Response otherList = tenant.move(loose, "{'after': '" + id(first) + "'}");
        assertRefused(otherList, "after");
        assertThat(message(otherList, "after")).isEqualTo("is not in the same list (its parent_id differs)");
        Api.Response intoOtherList = tenant.move(loose, "{'parent_id': '" + id(parent) + "', 'after': '" + id(next)
                + "'}");
        assertRefused(intoOtherList, "after");
        assertThat(tenant.read(loose)).isEqualTo(out);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSubtaskHasNoSubtasks(boolean v2) {
        Tenant tenant = tenant(v2);
        JsonNode parent = tenant.create("{'title': 'p'}");
        JsonNode child = subtask(tenant, parent, "c");
        JsonNode other = tenant.create("{'title': 'o'}");

        Api.Response created = tenant.post("{'title': 'grandchild', 'parent_id': '" + id(child) + "'}");
        assertRefused(created, "parent_id");
        assertThat(message(created, "parent_id")).isEqualTo("is a subtask; a subtask cannot have subtasks");
        Api.Response movedUnder = tenant.move(other, "{'parent_id': '" + id(child) + "', 'after': null}");
        assertRefused(movedUnder, "parent_id");
        assertThat(message(movedUnder, "parent_id")).isEqualTo("is a subtask; a subtask cannot have subtasks");
        Api.Response parentUnder = tenant.move(parent, "{'parent_id': '" + id(other) + "', 'after': null}");
        assertRefused(parentUnder, "parent_id");
        assertThat(message(parentUnder, "parent_id"))
                .isEqualTo("the moved todo has subtasks; a subtask cannot have subtasks");
        Api.Response underItself = tenant.move(other, "{'parent_id': '" + id(other) + "', 'after': null}");
        assertRefused(underItself, "parent_id");
        assertThat(message(underItself, "parent_id")).isEqualTo("cannot be the moved todo");

        assertThat(tenant.read(other)).isEqualTo(other);
        assertThat(tenant.read(parent)).isEqualTo(parent);
        assertThat(tenant.list("")).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aMissingOrForeignParentIsRefused(boolean v2) {
        Tenant alice = tenant(v2);
        Tenant bob = tenant(v2);
        JsonNode his = bob.create("{'title': 'his'}");
        List<JsonNode> bobsFeed = bob.changes();

        for (String parent : List.of(UUID.randomUUID().toString(), id(his))) {
            Api.Response created = alice.post("{'title': 'planted', 'parent_id': '" + parent + "'}");
            assertRefused(created, "parent_id");
            assertThat(message(created, "parent_id")).isEqualTo("is not a todo of yours");
        }
        assertRefused(alice.post("{'title': 'bad', 'parent_id': 'not-a-uuid'}"), "parent_id");
        assertRefused(alice.post("{'title': 'bad', 'parent_id': 7}"), "parent_id");
        assertRefused(alice.post("{'title': ' ', 'parent_id': 'not-a-uuid'}"), "title", "parent_id");
        assertThat(alice.list("")).isEmpty();

        JsonNode hers = alice.create("{'title': 'hers'}");
        JsonNode herChild = subtask(alice, hers, "her child");
        Api.Response listed = alice.api.get(alice.base + "?parent_id=" + id(his)).tenant(alice.id).send();
        assertThat(listed.status()).as(listed.body()).isIn(200, 404);
        if (listed.status() == 200) {
            assertThat(listed.json().get("items")).as("his subtasks, asked for by her").isEmpty();
        }
        assertThat(bob.titles(under(hers))).isEmpty();
        Api.Response moveHisUnderHers = bob.move(his, "{'parent_id': '" + id(hers) + "', 'after': null}");
        assertRefused(moveHisUnderHers, "parent_id");
        assertThat(alice.move(id(his), "{'parent_id': '" + id(hers) + "', 'after': null}").status()).isEqualTo(404);
        assertThat(alice.move(herChild, "{'after': '" + id(his) + "'}").status()).isEqualTo(422);

        assertThat(bob.read(his)).isEqualTo(his);
        assertThat(bob.changes()).isEqualTo(bobsFeed);
        assertThat(alice.titles(under(hers))).containsExactly("her child");
        assertThat(alice.changes()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void deletingAParentDeletesItsSubtasksWithATombstoneEach(boolean v2) {
        Tenant tenant = tenant(v2);
        JsonNode parent = tenant.create("{'title': 'p'}");
        JsonNode one = subtask(tenant, parent, "one");
        JsonNode two = subtask(tenant, parent, "two");
        JsonNode other = tenant.create("{'title': 'other'}");
        JsonNode othersChild = subtask(tenant, other, "kept");

        assertThat(tenant.delete(parent).status()).isEqualTo(204);
        for (JsonNode gone : List.of(parent, one, two)) {
            assertThat(tenant.get(gone).status()).isEqualTo(404);
        }
        assertThat(tenant.titles("")).containsExactlyInAnyOrder("other", "kept");
        assertThat(tenant.read(othersChild)).isEqualTo(othersChild);

        Set<String> tombstones = new HashSet<>();
        Set<String> upserts = new HashSet<>();
        for (JsonNode change : tenant.changes()) {
            if (change.get("type").asText().equals("delete")) {
                tombstones.add(change.get("id").asText());
            } else {
                upserts.add(change.get("todo").get("id").asText());
            }
        }
        assertThat(tombstones).containsExactlyInAnyOrder(id(parent), id(one), id(two));
        assertThat(upserts).containsExactlyInAnyOrder(id(other), id(othersChild));
    }

    @Test
    void aStaleDeleteOfAParentDeletesNoSubtask() {
        Tenant tenant = Tenant.v1();
        JsonNode parent = tenant.create("{'title': 'p'}");
        JsonNode child = subtask(tenant, parent, "c");
        tenant.patch(parent, "{'title': 'p2'}");
        Api.Response stale = tenant.api.delete(tenant.path(parent)).tenant(tenant.id).header("If-Match", "\"1\"")
                .send();
        assertThat(stale.status()).isEqualTo(412);
        assertThat(tenant.read(child)).isEqualTo(child);
        assertThat(tenant.list("")).hasSize(2);
        assertThat(tenant.changes()).noneMatch(c -> c.get("type").asText().equals("delete"));
    }

    @Test
    void clearCompletedTakesCompletedSubtasksAndTheSubtasksOfCompletedParents() {
        Tenant tenant = Tenant.v1();
        JsonNode done = tenant.create("{'title': 'done'}");
        JsonNode doneOpenChild = subtask(tenant, done, "open child of done");
        JsonNode doneDoneChild = subtask(tenant, done, "done child of done");
        JsonNode open = tenant.create("{'title': 'open'}");
        JsonNode openDoneChild = subtask(tenant, open, "done child of open");
        subtask(tenant, open, "open child of open");
        for (JsonNode todo : List.of(done, doneDoneChild, openDoneChild)) {
            assertThat(tenant.patch(todo, "{'is_completed': true}").status()).isEqualTo(200);
        }

        Api.Response cleared = tenant.api.post("/api/v1/todos/clear-completed").tenant(tenant.id).send();
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().get("deleted").asInt()).isEqualTo(4);
        assertThat(tenant.titles("")).containsExactlyInAnyOrder("open", "open child of open");
        Set<String> tombstones = new HashSet<>();
        tenant.changes().stream().filter(c -> c.get("type").asText().equals("delete"))
                .forEach(c -> tombstones.add(c.get("id").asText()));
        assertThat(tombstones).containsExactlyInAnyOrder(id(done), id(doneOpenChild), id(doneDoneChild),
                id(openDoneChild));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void completingAParentLeavesItsSubtasksOpen(boolean v2) {
        Tenant tenant = tenant(v2);
        JsonNode parent = tenant.create("{'title': 'p'}");
        JsonNode child = subtask(tenant, parent, "c");
        Api.Response done = v2 ? tenant.toggle(parent) : tenant.patch(parent, "{'is_completed': true}");
        assertThat(done.json().get("is_completed").asBoolean()).isTrue();
        assertThat(tenant.read(child)).isEqualTo(child);
        assertThat(tenant.titles(under(parent) + "&completed=false")).containsExactly("c");
        JsonNode replaced = tenant.put(parent, "{'title': 'p', 'description': null, 'is_completed': false}").json();
        assertThat(replaced.get("parent_id").isNull()).isTrue();
        JsonNode childReplaced = tenant.put(child, "{'title': 'c2', 'description': null, 'is_completed': true}")
                .json();
        assertThat(childReplaced.get("parent_id").asText()).as("PUT keeps the parent").isEqualTo(id(parent));
        assertThat(childReplaced.get("position")).as("PUT keeps the position").isEqualTo(child.get("position"));
        assertThat(tenant.patch(child, "{'title': 'c3'}").json().get("parent_id").asText()).isEqualTo(id(parent));
    }

    @Test
    void theNextOccurrenceOfARecurringSubtaskIsASubtaskOfTheSameParent() {
        Tenant tenant = Tenant.v1();
        JsonNode parent = tenant.create("{'title': 'p'}");
        JsonNode child = tenant.create("{'title': 'water plants', 'parent_id': '" + id(parent) + "', "
                + "'due': {'date': '2026-12-07'}, 'recurrence': 'FREQ=WEEKLY'}");
        String next = tenant.patch(child, "{'is_completed': true}").json().get("next_occurrence_id").asText();
        JsonNode occurrence = tenant.read(next);
        assertThat(occurrence.get("parent_id").asText()).isEqualTo(id(parent));
        assertThat(occurrence.get("due").get("date").asText()).isEqualTo("2026-12-14");
        assertThat(tenant.titles(under(parent))).containsExactly("water plants", "water plants");
    }
}
