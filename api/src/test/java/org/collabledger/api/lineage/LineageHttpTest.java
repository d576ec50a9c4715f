package org.collabledger.api.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.projections.lineage.LineageProjection;
import org.junit.jupiter.api.Test;

/**
 * Lineage over real HTTP on a diamond, a chain and a takedown, including answers as of past
 * positions, the picture, and a drop-and-rebuild of the projection that must give identical
 * answers.
 */
class LineageHttpTest extends H2Ledger {

    /** Example B's diamond: final cites v1 (2) and v2 (1); both cite base; v2 also cites poem. */
    record Diamond(
            String base,
            String poem,
            String v1,
            String v2,
            String fin,
            long beforeFinal,
            long afterFinal) {}

    Diamond diamond(String tag) {
        String kim = scenario.artist("kim-" + tag);
        String lou = scenario.artist("lou-" + tag);
        String max = scenario.artist("max-" + tag);
        String joe = scenario.artist("joe-" + tag);
        String base = scenario.upload(max, "base " + tag);
        String poem = scenario.upload(kim, "poem " + tag);
        String v1 = scenario.remix(kim, "v1 " + tag, base, 1);
        String v2 = scenario.remix(lou, "v2 " + tag, base, 1, poem, 1);
        long beforeFinal = feed.count();
        String fin = scenario.remix(joe, "final " + tag, v1, 2, v2, 1);
        long afterFinal = feed.count();
        caughtUp();
        return new Diamond(base, poem, v1, v2, fin, beforeFinal, afterFinal);
    }

    @Test
    void ancestorsOfADiamondAreEachRecordOnceWithItsShortestDepth() {
        Diamond d = diamond("a");
        JsonNode lineage = ok("/api/records/" + d.fin() + "/lineage?direction=ancestors");
        assertThat(depths(lineage))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(d.fin(), 0, d.v1(), 1, d.v2(), 1, d.base(), 2, d.poem(), 2));
        assertThat(edges(lineage))
                .containsExactlyInAnyOrder(
                        d.v1() + ">" + d.fin() + ":2",
                        d.v2() + ">" + d.fin() + ":1",
                        d.base() + ">" + d.v1() + ":1",
                        d.base() + ">" + d.v2() + ":1",
                        d.poem() + ">" + d.v2() + ":1");

        JsonNode shallow = ok("/api/records/" + d.fin() + "/lineage?direction=ancestors&depth=1");
        assertThat(depths(shallow).keySet()).containsExactlyInAnyOrder(d.fin(), d.v1(), d.v2());

        JsonNode descendants = ok("/api/records/" + d.base() + "/lineage?direction=descendants");
        assertThat(depths(descendants))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(d.base(), 0, d.v1(), 1, d.v2(), 1, d.fin(), 2));
    }

    @Test
    void pathsRootsAndFamilyOfADiamond() {
        Diamond d = diamond("b");
        JsonNode paths = ok("/api/records/" + d.fin() + "/paths?to=" + d.base());
        List<String> found = new ArrayList<>();
        paths.path("paths").forEach(p -> found.add(p.toString()));
        assertThat(found)
                .containsExactlyInAnyOrder(
                        "[\"" + d.fin() + "\",\"" + d.v1() + "\",\"" + d.base() + "\"]",
                        "[\"" + d.fin() + "\",\"" + d.v2() + "\",\"" + d.base() + "\"]");
        assertThat(ok("/api/records/" + d.fin() + "/paths?to=" + d.poem()).path("paths"))
                .hasSize(1);
        assertThat(ok("/api/records/" + d.v1() + "/paths?to=" + d.poem()).path("paths")).isEmpty();

        JsonNode roots = ok("/api/records/" + d.fin() + "/roots");
        assertThat(ids(roots.path("roots"))).containsExactlyInAnyOrder(d.base(), d.poem());

        JsonNode family = ok("/api/records/" + d.poem() + "/family");
        Map<String, Integer> generations = new java.util.HashMap<>();
        family.path("nodes")
                .forEach(
                        n ->
                                generations.put(
                                        n.path("node").path("recordId").asText(),
                                        n.path("generation").asInt()));
        assertThat(generations)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(d.base(), 0, d.poem(), 0, d.v1(), 1, d.v2(), 1, d.fin(), 2));
    }

    @Test
    void answersAsOfAPositionBeforeAndAfterARemix() {
        Diamond d = diamond("c");
        JsonNode before =
                ok(
                        "/api/records/"
                                + d.base()
                                + "/lineage?direction=descendants&asOf="
                                + d.beforeFinal());
        assertThat(depths(before).keySet()).containsExactlyInAnyOrder(d.base(), d.v1(), d.v2());
        JsonNode after =
                ok(
                        "/api/records/"
                                + d.base()
                                + "/lineage?direction=descendants&asOf="
                                + d.afterFinal());
        assertThat(depths(after).keySet()).contains(d.fin());
        assertThat(auditor.get("/api/records/" + d.fin() + "?asOf=" + d.beforeFinal()).status())
                .isEqualTo(404);
    }

    @Test
    void takenDownRecordsStayInTheLineageMarked() {
        Diamond d = diamond("d");
        long beforeTakedown = feed.count();
        scenario.takeDown(d.v2());
        caughtUp();
        JsonNode now = ok("/api/records/" + d.fin() + "/lineage?direction=ancestors");
        JsonNode v2 = node(now, d.v2());
        assertThat(v2.path("takenDown").asBoolean()).isTrue();
        assertThat(v2.path("takenDownAt").asLong()).isGreaterThan(beforeTakedown);
        assertThat(depths(now).keySet()).contains(d.poem());
        JsonNode then =
                ok(
                        "/api/records/"
                                + d.fin()
                                + "/lineage?direction=ancestors&asOf="
                                + beforeTakedown);
        assertThat(node(then, d.v2()).path("takenDown").asBoolean()).isFalse();

        String svg = auditor.get("/api/records/" + d.fin() + "/family.svg").raw().body();
        assertThat(svg)
                .startsWith("<svg")
                .contains("TAKEN DOWN")
                .contains("stroke-dasharray")
                .contains("id=\"record-" + d.fin() + "\"")
                .contains("by joe-d")
                .contains("final d");
    }

    @Test
    void curatorCorrectionsChangeTheLineageFromTheirPositionOn() {
        Diamond d = diamond("e");
        var curator = LedgerHttp.on(port, "curator");
        long beforeRemoval = feed.count();
        var removed =
                curator.post(
                        "/api/records/" + d.v2() + "/citation-corrections",
                        Map.of(
                                "action",
                                "REMOVE",
                                "resourceId",
                                d.poem(),
                                "reason",
                                "not actually used"));
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        caughtUp();
        assertThat(depths(ok("/api/records/" + d.fin() + "/lineage")).keySet())
                .doesNotContain(d.poem());
        assertThat(
                        depths(ok("/api/records/" + d.fin() + "/lineage?asOf=" + beforeRemoval))
                                .keySet())
                .contains(d.poem());
    }

    @Test
    void hugeAnswersAndBadQueriesAreRefusedClearly() {
        Diamond d = diamond("f");
        var tooMany = auditor.get("/api/records/" + d.fin() + "/family?limit=2");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().path("code").asText()).isEqualTo("lineage-too-large");
        assertThat(auditor.get("/api/records/" + UUID.randomUUID() + "/lineage").status())
                .isEqualTo(404);
        assertThat(auditor.get("/api/records/" + d.fin() + "/lineage?direction=sideways").status())
                .isEqualTo(422);
        assertThat(auditor.get("/api/records/" + d.fin() + "/lineage?depth=-1").status())
                .isEqualTo(422);
        assertThat(auditor.get("/api/records/" + d.fin() + "/paths").status()).isEqualTo(400);
        assertThat(auditor.get("/api/records/not-an-id/family").status()).isEqualTo(422);
    }

    @Test
    void droppingAndRebuildingTheProjectionGivesIdenticalAnswers() {
        List<Diamond> diamonds = List.of(diamond("g"), diamond("h"));
        scenario.takeDown(diamonds.get(0).poem());
        caughtUp();
        List<String> before = everyAnswer(diamonds);

        projections.rebuild(LineageProjection.PROCESSING_GROUP);
        caughtUp();

        assertThat(everyAnswer(diamonds)).isEqualTo(before);

        // The processor carries on from where the rebuild stopped: a new remix still arrives.
        Diamond d = diamonds.get(1);
        String more = scenario.remix(scenario.artist("late-g"), "after the rebuild", d.fin(), 1);
        caughtUp();
        assertThat(
                        depths(ok("/api/records/" + d.base() + "/lineage?direction=descendants"))
                                .keySet())
                .contains(more);
    }

    private List<String> everyAnswer(List<Diamond> diamonds) {
        List<String> answers = new ArrayList<>();
        for (Diamond d : diamonds) {
            for (String id : List.of(d.base(), d.poem(), d.v1(), d.v2(), d.fin())) {
                for (long asOf : new long[] {d.beforeFinal(), d.afterFinal(), feed.count()}) {
                    answers.add(auditor.get("/api/records/" + id + "?asOf=" + asOf).raw().body());
                    answers.add(
                            auditor.get("/api/records/" + id + "/lineage?asOf=" + asOf)
                                    .raw()
                                    .body());
                    answers.add(
                            auditor.get(
                                            "/api/records/"
                                                    + id
                                                    + "/lineage?direction=descendants&asOf="
                                                    + asOf)
                                    .raw()
                                    .body());
                    answers.add(
                            auditor.get("/api/records/" + id + "/family?asOf=" + asOf)
                                    .raw()
                                    .body());
                    answers.add(
                            auditor.get("/api/records/" + id + "/roots?asOf=" + asOf).raw().body());
                    answers.add(
                            auditor.get(
                                            "/api/records/"
                                                    + id
                                                    + "/paths?to="
                                                    + d.base()
                                                    + "&asOf="
                                                    + asOf)
                                    .raw()
                                    .body());
                }
            }
            answers.add(auditor.get("/api/records/" + d.fin() + "/family.svg").raw().body());
        }
        return answers;
    }

    private JsonNode ok(String path) {
        LedgerHttp.Response response = auditor.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static Map<String, Integer> depths(JsonNode lineage) {
        Map<String, Integer> depths = new java.util.HashMap<>();
        lineage.path("nodes")
                .forEach(n -> depths.put(n.path("recordId").asText(), n.path("depth").asInt()));
        return depths;
    }

    private static Set<String> edges(JsonNode lineage) {
        Set<String> edges = new TreeSet<>();
        lineage.path("edges")
                .forEach(
                        e ->
                                edges.add(
                                        e.path("from").asText()
                                                + ">"
                                                + e.path("to").asText()
                                                + ":"
                                                + e.path("weight").asInt()));
        return edges;
    }

    private static List<String> ids(JsonNode nodes) {
        List<String> ids = new ArrayList<>();
        nodes.forEach(n -> ids.add(n.path("recordId").asText()));
        return ids;
    }

    private static JsonNode node(JsonNode lineage, String id) {
        for (JsonNode n : lineage.path("nodes")) {
            if (n.path("recordId").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("no node " + id + " in " + lineage);
    }
}
