package org.collabledger.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.collabledger.api.support.H2Ledger;
import org.junit.jupiter.api.Test;

/**
 * Artists, collaborations and the filtered event feed read back over HTTP, now and as of a past
 * position.
 */
class ReadBackTest extends H2Ledger {

    @Test
    void anArtistReadsBackAsOfAnyPosition() {
        String zoe = scenario.artist("zoe");
        long beforeChange = feed.count();
        assertThat(
                        artist.put("/api/artists/" + zoe + "/profile", Map.of("displayName", "Zoë"))
                                .status())
                .isEqualTo(200);

        JsonNode now = auditor.get("/api/artists/" + zoe).json();
        assertThat(now.path("handle").asText()).isEqualTo("zoe");
        assertThat(now.path("displayName").asText()).isEqualTo("Zoë");
        assertThat(
                        auditor.get("/api/artists/" + zoe + "?asOf=" + beforeChange)
                                .json()
                                .path("displayName")
                                .asText())
                .isEqualTo("ZOE");
        assertThat(auditor.get("/api/artists/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(auditor.get("/api/artists/" + zoe + "?asOf=0").status()).isEqualTo(404);
    }

    @Test
    void everyAsOfReadAlsoTakesATime() throws InterruptedException {
        String uma = scenario.artist("uma");
        JsonNode registered = auditor.get("/api/artists/" + uma + "/events").json().get(0);
        Thread.sleep(5);
        assertThat(
                        artist.put("/api/artists/" + uma + "/profile", Map.of("displayName", "Úma"))
                                .status())
                .isEqualTo(200);
        String at = registered.path("recordedAt").asText();

        assertThat(
                        auditor.get("/api/artists/" + uma + "?asOfTime=" + at)
                                .json()
                                .path("displayName")
                                .asText())
                .isEqualTo("UMA");
        assertThat(
                        auditor.get("/api/artists/" + uma + "?asOfTime=" + java.time.Instant.now())
                                .json()
                                .path("displayName")
                                .asText())
                .isEqualTo("Úma");
        assertThat(auditor.get("/api/artists/" + uma + "?asOfTime=2000-01-01T00:00:00Z").status())
                .isEqualTo(404);
        assertThat(
                        auditor.get("/api/artists/" + uma + "/balance?asOfTime=" + at)
                                .json()
                                .path("asOf")
                                .asLong())
                .isEqualTo(registered.path("position").asLong());

        var notATime = auditor.get("/api/artists/" + uma + "?asOfTime=yesterday");
        assertThat(notATime.status()).isEqualTo(400);
        assertThat(notATime.contentType()).startsWith("application/problem+json");
        assertThat(notATime.json().path("field").asText()).isEqualTo("asOfTime");
        assertThat(auditor.get("/api/artists/" + uma + "?asOf=1&asOfTime=" + at).status())
                .isEqualTo(400);
    }

    @Test
    void aCollaborationReadsBackWithItsSubmissions() {
        String yan = scenario.artist("yan");
        String piece = scenario.upload(yan, "first snow");
        var opened =
                curator.post(
                        "/api/collaborations",
                        Map.of("title", "Snow", "theme", "winter", "prompt", "Your first snow?"));
        String call = opened.id();
        assertThat(
                        artist.post(
                                        "/api/collaborations/" + call + "/submissions",
                                        Map.of("recordId", piece))
                                .status())
                .isEqualTo(201);
        assertThat(curator.post("/api/collaborations/" + call + "/close", Map.of()).status())
                .isEqualTo(200);

        JsonNode view = auditor.get("/api/collaborations/" + call).json();
        assertThat(view.path("closed").asBoolean()).isTrue();
        assertThat(view.path("prompt").asText()).isEqualTo("Your first snow?");
        assertThat(view.path("submissions").get(0).path("recordId").asText()).isEqualTo(piece);
        assertThat(view.path("submissions").get(0).path("creatorId").asText()).isEqualTo(yan);
        assertThat(view.path("titles").path(piece).asText()).isEqualTo("first snow");
        assertThat(view.path("creators").get(0).path("id").asText()).isEqualTo(yan);
        assertThat(view.path("creators").get(0).path("handle").asText()).isEqualTo("yan");
        assertThat(auditor.get("/api/collaborations/" + piece).status()).isEqualTo(404);
    }

    @Test
    void theEventFeedFiltersByTypeAndActor() {
        String wes = scenario.artist("wes");
        scenario.upload(wes, "take one");
        scenario.release(
                Map.of("title", "Filtered", "kind", "OTHER", "fundingModel", "PROFIT_SHARE"));

        JsonNode uploads = auditor.get("/api/events?type=record.uploaded").json().path("events");
        assertThat(uploads)
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("type").asText()).isEqualTo("record.uploaded"));
        // With a filter, next is the last position scanned, past the release created after the
        // upload.
        JsonNode all = auditor.get("/api/events?type=record.uploaded&limit=1000").json();
        JsonNode listed = all.path("events");
        assertThat(all.path("next").asLong())
                .isGreaterThan(listed.get(listed.size() - 1).path("position").asLong());
        assertThat(
                        auditor.get("/api/events?after=" + all.path("next").asLong())
                                .json()
                                .path("events"))
                .isEmpty();
        JsonNode byCurator = auditor.get("/api/events?actor=curator").json().path("events");
        assertThat(byCurator)
                .isNotEmpty()
                .allSatisfy(
                        e ->
                                assertThat(e.path("metadata").path("actor").asText())
                                        .isEqualTo("curator"));
        assertThat(auditor.get("/api/events?type=record.updated").status()).isEqualTo(422);
    }
}
