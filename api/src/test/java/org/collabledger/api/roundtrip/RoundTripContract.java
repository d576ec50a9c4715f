package org.collabledger.api.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.collabledger.projections.lineage.LineageProjection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Commands in over real HTTP, events stored, events read back, on whichever database the subclass
 * starts the ledger on. The same assertions hold on every store.
 */
// Closed after the class, while the shared PostgreSQL server runs and before the next class starts:
// a context
// left for the JVM's exit keeps its processors polling, and at exit closes alongside the server's
// shutdown.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class RoundTripContract {

    @LocalServerPort int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.collabledger.api.projections.Projections projections;

    LedgerHttp curator;
    LedgerHttp artist;
    Scenario scenario;

    @BeforeEach
    void clients() {
        curator = LedgerHttp.on(port, "curator");
        artist = LedgerHttp.on(port, "artist");
        scenario = new Scenario(port);
    }

    @Test
    void commandsAreStoredAsEventsAndReadBackInOrderWithTheirMetadata() {
        long before = lastPosition();
        String ana = scenario.artist("ana-" + port);
        String ben = scenario.artist("ben-" + port);
        String draw = scenario.upload(ben, "drawing");
        String anim = scenario.remix(ana, "animation", draw, 2);
        String release =
                scenario.release(
                        Map.of(
                                "title",
                                "Episode",
                                "kind",
                                "EPISODE",
                                "fundingModel",
                                "PROFIT_SHARE",
                                "poolRate",
                                "1/2"));
        scenario.select(release, anim, 3, "animation");
        scenario.publish(release);
        scenario.takeDown(draw);

        List<JsonNode> events = eventsAfter(before);
        assertThat(events)
                .extracting(e -> e.path("type").asText())
                .containsExactly(
                        "artist.registered",
                        "artist.registered",
                        "record.uploaded",
                        "record.remixed",
                        "release.opened",
                        "release.contribution-selected",
                        "release.published",
                        "record.taken-down");
        assertThat(events)
                .extracting(e -> e.path("metadata").path("actor").asText())
                .containsExactly(
                        "artist", "artist", "artist", "artist", "curator", "curator", "curator",
                        "curator");
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).path("position").asLong())
                    .isGreaterThan(events.get(i - 1).path("position").asLong());
        }
        events.forEach(
                e -> {
                    assertThat(e.path("metadata").path("correlationId").asText()).isNotBlank();
                    assertThat(e.path("metadata").path("causationId").asText()).isNotBlank();
                    assertThat(e.path("eventId").asText()).isNotBlank();
                });

        JsonNode remixed = events.get(3).path("payload");
        assertThat(remixed.path("recordId").asText()).isEqualTo(anim);
        assertThat(remixed.path("creatorId").asText()).isEqualTo(ana);
        assertThat(remixed.path("resources").get(0).path("resourceId").asText()).isEqualTo(draw);
        assertThat(remixed.path("resources").get(0).path("weight").asInt()).isEqualTo(2);

        var recordHistory = curator.get("/api/records/" + draw + "/events");
        assertThat(recordHistory.status()).isEqualTo(200);
        assertThat(recordHistory.json())
                .extracting(e -> e.path("sequence").asLong())
                .containsExactly(0L, 1L);
        assertThat(curator.get("/api/releases/" + draw + "/events").status()).isEqualTo(404);
    }

    @Test
    void aRefusedCommandStoresNothing() {
        String ana = scenario.artist("cai-" + port);
        String draw = scenario.upload(ana, "sketch");
        scenario.takeDown(draw);
        long before = lastPosition();

        var refused =
                artist.post(
                        "/api/records",
                        Scenario.uploadBody(
                                ana,
                                "remix of a takedown",
                                List.of(Map.of("recordId", draw, "weight", 1))));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("code").asText()).isEqualTo("resource-taken-down");
        assertThat(lastPosition()).isEqualTo(before);
    }

    @Test
    void aRetriedRequestWithTheSameIdempotencyKeyReturnsTheFirstOutcomeAndStoresNothingNew() {
        var keyed = artist.withHeader("Idempotency-Key", "register-dee-" + port);
        Map<String, String> body = Map.of("handle", "dee-" + port, "displayName", "Dee");
        var first = keyed.post("/api/artists", body);
        long after = lastPosition();
        var second = keyed.post("/api/artists", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.header("location")).isEqualTo(first.header("location"));
        assertThat(lastPosition()).isEqualTo(after);

        var different =
                keyed.post("/api/artists", Map.of("handle", "eve-" + port, "displayName", "Eve"));
        assertThat(different.status()).isEqualTo(422);
        assertThat(different.json().path("code").asText()).isEqualTo("idempotency-key-reused");
        assertThat(lastPosition()).isEqualTo(after);
    }

    /**
     * A remix racing a takedown of its resource: whichever wins, no stored remix cites a record
     * that was already taken down when the remix was appended.
     */
    @Test
    void aRemixNeverCitesARecordTakenDownBeforeIt() throws Exception {
        String fay = scenario.artist("fay-" + port);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long before = lastPosition();
        try {
            for (int round = 0; round < 15; round++) {
                String original = scenario.upload(fay, "original " + round);
                List<Callable<LedgerHttp.Response>> racers = new ArrayList<>();
                racers.add(
                        () ->
                                curator.post(
                                        "/api/records/" + original + "/takedown",
                                        Map.of("reason", "claim")));
                for (int i = 0; i < 3; i++) {
                    String title = "remix " + round + "-" + i;
                    racers.add(
                            () ->
                                    artist.post(
                                            "/api/records",
                                            Scenario.uploadBody(
                                                    fay,
                                                    title,
                                                    List.of(
                                                            Map.of(
                                                                    "recordId",
                                                                    original,
                                                                    "weight",
                                                                    1)))));
                }
                for (Future<LedgerHttp.Response> outcome : pool.invokeAll(racers)) {
                    assertThat(outcome.get().status())
                            .as(outcome.get().toString())
                            .isIn(200, 201, 409, 422);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> takenDownAt = new HashMap<>();
        List<JsonNode> events = eventsAfter(before);
        events.stream()
                .filter(e -> e.path("type").asText().equals("record.taken-down"))
                .forEach(
                        e ->
                                takenDownAt.put(
                                        e.path("aggregateId").asText(),
                                        e.path("position").asLong()));
        assertThat(takenDownAt).hasSize(15);
        events.stream()
                .filter(e -> e.path("type").asText().equals("record.remixed"))
                .forEach(
                        remix -> {
                            String cited =
                                    remix.path("payload")
                                            .path("resources")
                                            .get(0)
                                            .path("resourceId")
                                            .asText();
                            assertThat(takenDownAt.get(cited))
                                    .as("takedown of %s", cited)
                                    .isGreaterThan(remix.path("position").asLong());
                        });
    }

    /**
     * The lineage dropped and rebuilt in bulk (COPY on PostgreSQL, batches on H2) answers
     * identically.
     */
    @Test
    void theLineageRebuiltInBulkAnswersIdentically() {
        String hal = scenario.artist("hal-" + port);
        Map<String, Object> awkward =
                new java.util.HashMap<>(Scenario.uploadBody(hal, "base", List.of()));
        // A title is one line, so of COPY's special characters only the backslash can reach it.
        awkward.put("title", "base, with \"quotes\", commas and a back\\slash");
        LedgerHttp.Response uploaded = artist.post("/api/records", awkward);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        String base = uploaded.id();
        String left = scenario.remix(hal, "left", base, 1);
        String right = scenario.remix(hal, "right", base, 2);
        String top = scenario.remix(hal, "top", left, 1, right, 3);
        scenario.takeDown(right);
        var curator = LedgerHttp.on(port, "curator");
        assertThat(
                        curator.post(
                                        "/api/records/" + top + "/citation-corrections",
                                        Map.of(
                                                "action",
                                                "REMOVE",
                                                "resourceId",
                                                left,
                                                "reason",
                                                "not used"))
                                .status())
                .isEqualTo(200);
        projections.awaitCaughtUp(
                LineageProjection.PROCESSING_GROUP, java.time.Duration.ofSeconds(20));
        List<String> before = lineageAnswers(base, top);

        projections.rebuild(LineageProjection.PROCESSING_GROUP);
        projections.awaitCaughtUp(
                LineageProjection.PROCESSING_GROUP, java.time.Duration.ofSeconds(20));

        assertThat(lineageAnswers(base, top)).isEqualTo(before);
    }

    private List<String> lineageAnswers(String base, String top) {
        List<String> answers = new ArrayList<>();
        long last = lastPosition();
        for (long asOf = Math.max(1, last - 8); asOf <= last; asOf++) {
            answers.add(curator.get("/api/records/" + base + "/family?asOf=" + asOf).raw().body());
            answers.add(curator.get("/api/records/" + top + "/lineage?asOf=" + asOf).raw().body());
        }
        return answers;
    }

    List<JsonNode> eventsAfter(long position) {
        List<JsonNode> events = new ArrayList<>();
        long after = position;
        while (true) {
            var page = curator.get("/api/events?after=" + after + "&limit=1000");
            assertThat(page.status()).isEqualTo(200);
            page.json().path("events").forEach(events::add);
            if (page.json().path("events").isEmpty()) {
                return events;
            }
            after = page.json().path("next").asLong();
        }
    }

    long lastPosition() {
        List<JsonNode> all = eventsAfter(0);
        return all.isEmpty() ? 0 : all.get(all.size() - 1).path("position").asLong();
    }
}
