package org.collabledger.api.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.release.ReleaseProjection;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of {@code attribution.md}, built through real HTTP and read back as
 * attribution and manifest; the ledger chooses the artist ids, so tie-breaks are checked against
 * the ids it chose.
 */
class AttributionHttpTest extends H2Ledger {

    /** Example A: film (ana) cites anim (ben) and narr (cai); anim cites draw (dee); song (eve). */
    Map<String, String> exampleA(String tag, boolean publish) {
        Map<String, String> ids = new HashMap<>();
        for (String name : List.of("ana", "ben", "cai", "dee", "eve")) {
            ids.put(name, scenario.artist(name + "-" + tag));
        }
        ids.put("draw", scenario.upload(ids.get("dee"), "draw " + tag));
        ids.put("narr", scenario.upload(ids.get("cai"), "narr " + tag));
        ids.put("anim", scenario.remix(ids.get("ben"), "anim " + tag, ids.get("draw"), 1));
        ids.put(
                "film",
                scenario.remix(
                        ids.get("ana"), "film " + tag, ids.get("anim"), 1, ids.get("narr"), 1));
        ids.put("song", scenario.upload(ids.get("eve"), "song " + tag));
        ids.put(
                "release",
                scenario.release(
                        Map.of(
                                "title",
                                "Example A " + tag,
                                "kind",
                                "FILM",
                                "fundingModel",
                                "PROFIT_SHARE",
                                "retention",
                                "1/2")));
        scenario.select(ids.get("release"), ids.get("film"), 3, "animation");
        scenario.select(ids.get("release"), ids.get("song"), 1, "music");
        if (publish) {
            scenario.publish(ids.get("release"));
        }
        caughtUp();
        return ids;
    }

    @Test
    void exampleAGivesTheSharesAndPercentagesOfTheSpecification() {
        Map<String, String> a = exampleA("a", true);
        JsonNode attribution = ok("/api/releases/" + a.get("release") + "/attribution");
        assertThat(attribution.path("preview").asBoolean()).isFalse();
        assertThat(lines(attribution))
                .containsExactly(
                        a.get("ana") + " 3/8 37.5000 1",
                        a.get("eve") + " 1/4 25.0000 1",
                        a.get("cai") + " 3/16 18.7500 1",
                        // ben and dee tie on share; the list breaks the tie by artist id.
                        first(a.get("ben"), a.get("dee")) + " 3/32 9.3750 1",
                        second(a.get("ben"), a.get("dee")) + " 3/32 9.3750 1");
    }

    @Test
    void exampleBWithItsDiamondAndWaivedHost() {
        Map<String, String> ids = new HashMap<>();
        for (String name : List.of("joe", "kim", "lou", "max")) {
            ids.put(name, scenario.artist(name + "-b"));
        }
        String base = scenario.upload(ids.get("max"), "base");
        String poem = scenario.upload(ids.get("kim"), "poem");
        String v1 = scenario.remix(ids.get("kim"), "v1", base, 1);
        String v2 = scenario.remix(ids.get("lou"), "v2", base, 1, poem, 1);
        String fin = scenario.remix(ids.get("joe"), "final", v1, 2, v2, 1);
        String release =
                scenario.release(
                        Map.of(
                                "title",
                                "Example B",
                                "kind",
                                "ALBUM",
                                "fundingModel",
                                "BUDGET",
                                "budget",
                                Map.of("amount", 1001, "currency", "USD"),
                                "waivedArtistIds",
                                List.of(ids.get("joe"))));
        scenario.select(release, fin, 1, "music");
        scenario.publish(release);
        caughtUp();

        JsonNode attribution = ok("/api/releases/" + release + "/attribution");
        Map<String, String> shares = new HashMap<>();
        Map<String, String> percents = new HashMap<>();
        attribution
                .path("artists")
                .forEach(
                        line -> {
                            shares.put(line.path("artistId").asText(), line.path("share").asText());
                            percents.put(
                                    line.path("artistId").asText(), line.path("percent").asText());
                        });
        assertThat(shares)
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                ids.get("kim"),
                                "5/12",
                                ids.get("lou"),
                                "1/6",
                                ids.get("max"),
                                "5/12"));
        // All three remainders tie: the two artists first in id order get the two leftover units.
        List<String> byId =
                new ArrayList<>(List.of(ids.get("kim"), ids.get("lou"), ids.get("max")));
        byId.sort(null);
        Map<String, Integer> floors =
                Map.of(ids.get("kim"), 416666, ids.get("lou"), 166666, ids.get("max"), 416666);
        Map<String, String> expected = new HashMap<>();
        for (String artist : byId) {
            int units = floors.get(artist) + (byId.indexOf(artist) < 2 ? 1 : 0);
            expected.put(
                    artist,
                    String.format(java.util.Locale.ROOT, "%d.%04d", units / 10000, units % 10000));
        }
        assertThat(percents).isEqualTo(expected);
        assertThat(
                        percents.values().stream()
                                .mapToInt(p -> Integer.parseInt(p.replace(".", "")))
                                .sum())
                .isEqualTo(1_000_000);
    }

    @Test
    void theManifestExplainsEveryCreditWithItsPathAndEvents() {
        Map<String, String> a = exampleA("m", true);
        JsonNode manifest = ok("/api/releases/" + a.get("release") + "/manifest");
        JsonNode dee = artist(manifest, a.get("dee"));
        JsonNode draw = dee.path("records").get(0);
        assertThat(draw.path("recordId").asText()).isEqualTo(a.get("draw"));
        assertThat(draw.path("how").asText()).isEqualTo("resource");
        assertThat(draw.path("depth").asInt()).isEqualTo(2);
        assertThat(draw.path("credit").asText()).isEqualTo("3/32");
        assertThat(draw.path("paths").get(0))
                .extracting(JsonNode::asText)
                .containsExactly(a.get("film"), a.get("anim"), a.get("draw"));
        List<String> events = new ArrayList<>();
        draw.path("eventIds").forEach(e -> events.add(e.asText()));
        List<String> stored = new ArrayList<>();
        for (String record : List.of("draw", "anim", "film")) {
            stored.add(
                    auditor.get("/api/records/" + a.get(record) + "/events")
                            .json()
                            .get(0)
                            .path("eventId")
                            .asText());
        }
        assertThat(events).containsAll(stored).hasSize(4);

        JsonNode film = artist(manifest, a.get("ana")).path("records").get(0);
        assertThat(film.path("how").asText()).isEqualTo("selected");
        assertThat(film.path("weight").asInt()).isEqualTo(3);
        assertThat(film.path("role").asText()).isEqualTo("animation");

        String csv =
                auditor.get("/api/releases/" + a.get("release") + "/manifest.csv").raw().body();
        assertThat(csv.split("\r\n")).hasSize(6);
        assertThat(csv).contains(a.get("dee") + ",3 / 32,9.3750," + a.get("draw"));
    }

    @Test
    void attributionAsOfBeforeATakedownAndBeforePublication() {
        Map<String, String> a = exampleA("t", false);
        long beforePublication = feed.count();
        JsonNode preview = ok("/api/releases/" + a.get("release") + "/attribution");
        assertThat(preview.path("preview").asBoolean()).isTrue();
        scenario.publish(a.get("release"));
        long beforeTakedown = feed.count();
        scenario.takeDown(a.get("narr"));
        caughtUp();

        JsonNode now = ok("/api/releases/" + a.get("release") + "/attribution");
        assertThat(now.path("preview").asBoolean()).isFalse();
        assertThat(lines(now)).noneMatch(line -> line.startsWith(a.get("cai")));
        // narr's portion of film goes to anim, its live sibling: ana 3/8, ben 3/16, dee 3/16, eve
        // 1/4.
        assertThat(lines(now))
                .contains(a.get("ana") + " 3/8 37.5000 1", a.get("eve") + " 1/4 25.0000 1");

        JsonNode then =
                ok("/api/releases/" + a.get("release") + "/attribution?asOf=" + beforeTakedown);
        assertThat(lines(then)).contains(a.get("cai") + " 3/16 18.7500 1");
        JsonNode unpublished =
                ok("/api/releases/" + a.get("release") + "/attribution?asOf=" + beforePublication);
        assertThat(unpublished.path("preview").asBoolean()).isTrue();
    }

    @Test
    void attributionRefusesClearly() {
        assertThat(auditor.get("/api/releases/" + UUID.randomUUID() + "/attribution").status())
                .isEqualTo(404);
        String empty =
                scenario.release(
                        Map.of(
                                "title",
                                "Nothing yet",
                                "kind",
                                "BOOK",
                                "fundingModel",
                                "PROFIT_SHARE"));
        String host = scenario.artist("host-r");
        String alone =
                scenario.release(
                        Map.of(
                                "title",
                                "Host only",
                                "kind",
                                "BOOK",
                                "fundingModel",
                                "PROFIT_SHARE",
                                "waivedArtistIds",
                                List.of(host)));
        scenario.select(alone, scenario.upload(host, "intro"), 1, "writing");
        caughtUp();
        var none = auditor.get("/api/releases/" + empty + "/attribution");
        assertThat(none.status()).isEqualTo(409);
        assertThat(none.json().path("code").asText()).isEqualTo("no-selection");
        var waived = auditor.get("/api/releases/" + alone + "/attribution");
        assertThat(waived.status()).isEqualTo(409);
        assertThat(waived.json().path("code").asText()).isEqualTo("no-payable-artists");
    }

    @Test
    void droppingAndRebuildingTheReleaseAndLineageModelsGivesIdenticalAttribution() {
        Map<String, String> a = exampleA("r", true);
        scenario.takeDown(a.get("song"));
        caughtUp();
        List<String> before = answers(a.get("release"));

        projections.rebuild(ReleaseProjection.PROCESSING_GROUP);
        projections.rebuild(LineageProjection.PROCESSING_GROUP);
        caughtUp();

        assertThat(answers(a.get("release"))).isEqualTo(before);
    }

    private List<String> answers(String release) {
        List<String> answers = new ArrayList<>();
        for (long asOf = 1; asOf <= feed.count(); asOf++) {
            for (String view : List.of("", "/attribution", "/manifest", "/manifest.csv")) {
                answers.add(
                        auditor.get("/api/releases/" + release + view + "?asOf=" + asOf)
                                .raw()
                                .body());
            }
        }
        return answers;
    }

    private List<String> lines(JsonNode attribution) {
        List<String> lines = new ArrayList<>();
        attribution
                .path("artists")
                .forEach(
                        line ->
                                lines.add(
                                        line.path("artistId").asText()
                                                + " "
                                                + line.path("share").asText()
                                                + " "
                                                + line.path("percent").asText()
                                                + " "
                                                + line.path("records").asInt()));
        return lines;
    }

    private static JsonNode artist(JsonNode manifest, String artistId) {
        for (JsonNode artist : manifest.path("artists")) {
            if (artist.path("artistId").asText().equals(artistId)) {
                return artist;
            }
        }
        throw new AssertionError("no artist " + artistId + " in the manifest");
    }

    private static String first(String x, String y) {
        return x.compareTo(y) < 0 ? x : y;
    }

    private static String second(String x, String y) {
        return x.compareTo(y) < 0 ? y : x;
    }

    private JsonNode ok(String path) {
        LedgerHttp.Response response = auditor.get(path);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
