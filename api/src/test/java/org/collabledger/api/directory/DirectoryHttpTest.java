package org.collabledger.api.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.web.ReadYourWrites;
import org.collabledger.projections.directory.DirectoryProjection;
import org.junit.jupiter.api.Test;

/**
 * Finding things over real HTTP: every list pages by keyset in the order things entered the ledger
 * and links its next page with the same filters; searches find by the documented fields; answers
 * that name an artist give its handle and display name, and once the artist is forgotten they read
 * as erased everywhere; money lists hold an artist to its own artists' money; the directory
 * rebuilds from the events to the same answers; bad paging and search parameters are refused as
 * problems.
 */
class DirectoryHttpTest extends H2Ledger {

    @Test
    void pagesThroughArtistsFoundByNameInTheOrderTheyRegistered() {
        String tag = tag();
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            registered.add(scenario.artist("p" + i + tag));
        }
        List<JsonNode> pages =
                allPages(auditor, "/api/artists?q=" + tag.toUpperCase() + "&limit=3");
        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).path("next").asText())
                .isEqualTo(
                        "/api/artists?q="
                                + tag.toUpperCase()
                                + "&limit=3&cursor="
                                + pages.get(0).path("nextCursor").asText());
        assertThat(pages.get(2).has("next")).isFalse();
        assertThat(pages.stream().flatMap(page -> ids(page, "id").stream()).toList())
                .containsExactlyElementsOf(registered);

        JsonNode byHandle = ok(auditor.get("/api/artists?handle=P3" + tag.toUpperCase()));
        assertThat(byHandle.path("items")).hasSize(1);
        JsonNode found = byHandle.path("items").get(0);
        assertThat(found.path("id").asText()).isEqualTo(registered.get(3));
        assertThat(found.path("handle").asText()).isEqualTo("p3" + tag);
        assertThat(found.path("displayName").asText()).isEqualTo("P3" + tag.toUpperCase());
        assertThat(found.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(ok(auditor.get("/api/artists?q=%25" + tag)).path("items"))
                .as("a % in the text is a character, not a wildcard")
                .isEmpty();
    }

    @Test
    void findsRecordsByCreatorCollaborationMediaTypeAndTitle() {
        String tag = tag();
        String mo = scenario.artist("mo" + tag);
        String lu = scenario.artist("lu" + tag);
        String rain = scenario.upload(mo, "Rain on tin " + tag);
        String snow = scenario.upload(lu, "Snow " + tag);
        String remix = scenario.remix(lu, "Rain remix " + tag, rain, 1);
        String call = created(curator.post("/api/collaborations", opening("Weather " + tag)));
        created(
                artist.post(
                        "/api/collaborations/" + call + "/submissions", Map.of("recordId", snow)));

        JsonNode byCreator = ok(auditor.get("/api/records?creatorId=" + lu));
        assertThat(ids(byCreator, "id")).containsExactly(snow, remix);
        JsonNode first = byCreator.path("items").get(0);
        assertThat(first.path("title").asText()).isEqualTo("Snow " + tag);
        assertThat(first.path("mediaType").asText()).isEqualTo("AUDIO");
        assertThat(first.path("creator").path("handle").asText()).isEqualTo("lu" + tag);
        assertThat(first.path("creator").path("displayName").asText())
                .isEqualTo("LU" + tag.toUpperCase());
        assertThat(ids(ok(auditor.get("/api/records?collaborationId=" + call)), "id"))
                .containsExactly(snow);
        assertThat(ids(ok(auditor.get("/api/records?title=ON+TIN+" + tag)), "id"))
                .containsExactly(rain);
        assertThat(ids(ok(auditor.get("/api/records?title=" + tag + "&mediaType=AUDIO")), "id"))
                .containsExactly(rain, snow, remix);
        assertThat(ok(auditor.get("/api/records?title=" + tag + "&mediaType=IMAGE")).path("items"))
                .isEmpty();
    }

    @Test
    void listsCollaborationsAndReleasesByState() {
        String tag = tag();
        String open = created(curator.post("/api/collaborations", opening("Open " + tag)));
        String closed = created(curator.post("/api/collaborations", opening("Closed " + tag)));
        assertThat(curator.post("/api/collaborations/" + closed + "/close", Map.of()).status())
                .isEqualTo(200);
        String draft = budgetRelease("Draft " + tag);
        String out = budgetRelease("Out " + tag);
        scenario.select(
                out, scenario.upload(scenario.artist("rel" + tag), "cut " + tag), 1, "music");
        scenario.publish(out);

        assertThat(everyId(auditor, "/api/collaborations?state=OPEN&limit=1"))
                .contains(open)
                .doesNotContain(closed);
        assertThat(everyId(auditor, "/api/collaborations?state=CLOSED"))
                .contains(closed)
                .doesNotContain(open);
        assertThat(everyId(auditor, "/api/releases?state=OPEN&limit=1"))
                .contains(draft)
                .doesNotContain(out);
        List<JsonNode> published = items(auditor, "/api/releases?state=PUBLISHED");
        JsonNode release =
                published.stream()
                        .filter(item -> item.path("id").asText().equals(out))
                        .findFirst()
                        .orElseThrow();
        assertThat(release.path("title").asText()).isEqualTo("Out " + tag);
        assertThat(release.path("state").asText()).isEqualTo("PUBLISHED");
        assertThat(published).noneMatch(item -> item.path("id").asText().equals(draft));
    }

    /**
     * Ana (registered by {@code artist}) earns 7,500 and is paid; Ben (registered by {@code
     * artist2}) earns 2,500, below the threshold of 5,000, and is deferred.
     */
    @Test
    void payoutRunShowsItsThresholdTotalsAndDeferralsAndAnArtistOnlyItsOwnMoney() {
        String tag = tag();
        LedgerHttp ben = artist.as("artist2");
        String ana = scenario.artist("ana" + tag);
        String benId =
                created(
                        ben.post(
                                "/api/artists",
                                Map.of("handle", "ben" + tag, "displayName", "Ben " + tag)));
        String song = scenario.upload(ana, "song " + tag);
        String drum =
                created(
                        ben.post(
                                "/api/records",
                                org.collabledger.api.support.Scenario.uploadBody(
                                        benId, "drum " + tag, List.of())));
        String release = budgetRelease("Money " + tag);
        scenario.select(release, song, 3, "music");
        scenario.select(release, drum, 1, "music");
        scenario.publish(release);
        String allocation =
                created(
                        curator.post(
                                "/api/releases/" + release + "/allocations",
                                Map.of("currency", "USD", "pool", 10_000, "reviewDays", 0)));
        assertThat(
                        ids(
                                ok(
                                        auditor.get(
                                                "/api/allocations?releaseId="
                                                        + release
                                                        + "&state=PROPOSED")),
                                "id"))
                .containsExactly(allocation);
        assertThat(ok(finance.post("/api/allocations/" + allocation + "/finalize", Map.of())))
                .isNotNull();
        JsonNode finalized =
                ok(auditor.get("/api/allocations?releaseId=" + release + "&state=FINALIZED"))
                        .path("items")
                        .get(0);
        assertThat(finalized.path("releaseTitle").asText()).isEqualTo("Money " + tag);
        assertThat(finalized.path("pool").asLong()).isEqualTo(10_000);
        JsonNode view = ok(auditor.get("/api/allocations/" + allocation));
        assertThat(view.path("releaseTitle").asText()).isEqualTo("Money " + tag);
        assertThat(view.path("lines"))
                .extracting(line -> line.path("artist").path("handle").asText())
                .containsExactlyInAnyOrder("ana" + tag, "ben" + tag);

        String run =
                created(
                        finance.post(
                                "/api/payout-runs", Map.of("currency", "USD", "threshold", 5_000)));
        JsonNode whole = ok(auditor.get("/api/payout-runs/" + run));
        assertThat(whole.path("threshold").asLong()).isEqualTo(5_000);
        assertThat(whole.path("currency").asText()).isEqualTo("USD");
        JsonNode totals = whole.path("totals");
        assertThat(totals.path("payments").asLong()).isEqualTo(1);
        assertThat(totals.path("paid").asLong()).isEqualTo(7_500);
        assertThat(totals.path("deferrals").asLong()).isEqualTo(1);
        assertThat(totals.path("deferred").asLong()).isEqualTo(2_500);
        assertThat(whole.path("payments").get(0).path("artist").path("displayName").asText())
                .isEqualTo("ANA" + tag.toUpperCase());
        JsonNode deferral = whole.path("deferrals").get(0);
        assertThat(deferral.path("artistId").asText()).isEqualTo(benId);
        assertThat(deferral.path("artist").path("handle").asText()).isEqualTo("ben" + tag);
        assertThat(deferral.path("balance").asLong()).isEqualTo(2_500);
        JsonNode listed =
                items(finance, "/api/payout-runs?currency=USD").stream()
                        .filter(item -> item.path("id").asText().equals(run))
                        .findFirst()
                        .orElseThrow();
        assertThat(listed.path("totals")).isEqualTo(totals);

        String payment = whole.path("payments").get(0).path("paymentId").asText();
        assertThat(ok(finance.post("/api/payments/" + payment + "/settle", Map.of()))).isNotNull();
        assertThat(
                        ids(
                                ok(auditor.get("/api/payments?runId=" + run + "&state=SETTLED")),
                                "paymentId"))
                .containsExactly(payment);
        assertThat(ok(auditor.get("/api/payments?runId=" + run + "&state=ISSUED")).path("items"))
                .isEmpty();
        assertThat(ids(ok(auditor.get("/api/payments?artistId=" + ana)), "paymentId"))
                .containsExactly(payment);
        assertThat(
                        ok(auditor.get("/api/payments/" + payment))
                                .path("artist")
                                .path("handle")
                                .asText())
                .isEqualTo("ana" + tag);

        JsonNode attribution = ok(auditor.get("/api/releases/" + release + "/attribution"));
        assertThat(attribution.path("title").asText()).isEqualTo("Money " + tag);
        assertThat(attribution.path("artists"))
                .extracting(line -> line.path("artist").path("handle").asText())
                .containsExactlyInAnyOrder("ana" + tag, "ben" + tag);
        assertThat(ok(auditor.get("/api/releases/" + release + "/manifest")).path("artists"))
                .extracting(line -> line.path("artist").path("displayName").asText())
                .containsExactlyInAnyOrder("ANA" + tag.toUpperCase(), "Ben " + tag);

        // Ben's principal: its own deferral, no totals, no payment or allocation line of Ana's.
        JsonNode seenByBen = ok(ben.get("/api/payout-runs/" + run));
        assertThat(seenByBen.has("totals")).isFalse();
        assertThat(seenByBen.path("payments")).isEmpty();
        assertThat(seenByBen.path("deferrals")).hasSize(1);
        assertThat(items(ben, "/api/payout-runs")).noneMatch(item -> item.has("totals"));
        assertThat(ok(ben.get("/api/payments?runId=" + run)).path("items")).isEmpty();
        assertThat(ok(ben.get("/api/payments?artistId=" + ana)).path("items")).isEmpty();
        assertThat(everyId(ben, "/api/allocations")).containsExactly(allocation);
        assertThat(everyId(artist, "/api/allocations")).contains(allocation);
    }

    @Test
    void forgettingAnArtistErasesItsHandleAndNameFromEveryAnswer() {
        String tag = tag();
        String zed = scenario.artist("zed" + tag);
        String tune = scenario.upload(zed, "tune " + tag);
        String remix = scenario.remix(scenario.artist("kit" + tag), "kit remix " + tag, tune, 1);
        String release = budgetRelease("Forget " + tag);
        scenario.select(release, remix, 1, "music");
        scenario.publish(release);
        List<String> answers =
                List.of(
                        "/api/artists?q=" + tag,
                        "/api/artists/" + zed,
                        "/api/records?creatorId=" + zed,
                        "/api/records/" + tune,
                        "/api/records/" + remix + "/lineage",
                        "/api/records/" + tune + "/family",
                        "/api/records/" + tune + "/family.svg",
                        "/api/records/" + remix + "/roots",
                        "/api/releases/" + release + "/attribution",
                        "/api/releases/" + release + "/manifest",
                        "/api/releases/" + release + "/manifest.csv");
        assertThat(auditor.get("/api/releases/" + release + "/manifest.csv").raw().body())
                .contains("zed" + tag);

        assertThat(ok(artist.post("/api/artists/" + zed + "/forget", Map.of("reason", "asked"))))
                .isNotNull();
        SoftAssertions softly = new SoftAssertions();
        for (String answer : answers) {
            LedgerHttp.Response response = auditor.get(answer);
            softly.assertThat(response.status()).as(answer).isEqualTo(200);
            softly.assertThat(response.raw().body().toLowerCase())
                    .as(answer)
                    .doesNotContain("zed" + tag);
        }
        softly.assertAll();
        assertThat(ids(ok(auditor.get("/api/artists?q=" + tag)), "id")).doesNotContain(zed);
        JsonNode creator =
                ok(auditor.get("/api/records?creatorId=" + zed))
                        .path("items")
                        .get(0)
                        .path("creator");
        assertThat(creator.path("status").asText()).isEqualTo("ERASED");
        assertThat(creator.has("handle")).isFalse();
        assertThat(ok(auditor.get("/api/artists/" + zed)).path("nameStatus").asText())
                .isEqualTo("ERASED");
        assertThat(ok(auditor.get("/api/releases/" + release + "/attribution")).path("artists"))
                .extracting(line -> line.path("artist").path("status").asText())
                .containsExactlyInAnyOrder("ACTIVE", "ERASED");
        assertThat(auditor.get("/api/records/" + tune + "/family.svg").raw().body())
                .contains("by erased");

        // A profile change recorded after the forgetting does not bring a name back.
        assertThat(
                        artist.put(
                                        "/api/artists/" + zed + "/profile",
                                        Map.of("displayName", "Zed again " + tag))
                                .status())
                .isEqualTo(200);
        assertThat(auditor.get("/api/records?creatorId=" + zed).raw().body())
                .doesNotContain("Zed again");
    }

    @Test
    void theDirectoryRebuildsFromTheEventsToTheSameAnswers() {
        String tag = tag();
        String gone = scenario.artist("gone" + tag);
        scenario.upload(gone, "left " + tag);
        assertThat(ok(artist.post("/api/artists/" + gone + "/forget", Map.of("reason", "asked"))))
                .isNotNull();
        scenario.artist("kept" + tag);
        curator.post("/api/collaborations", opening("Rebuilt " + tag));
        List<String> lists =
                List.of(
                        "/api/artists?limit=500",
                        "/api/records?limit=500",
                        "/api/collaborations?limit=500",
                        "/api/releases?limit=500",
                        "/api/allocations?limit=500",
                        "/api/payout-runs?limit=500",
                        "/api/payments?limit=500");
        caughtUp();
        List<JsonNode> before = lists.stream().map(list -> withoutAsOf(auditor.get(list))).toList();

        projections.rebuild(DirectoryProjection.PROCESSING_GROUP);
        caughtUp();

        assertThat(lists.stream().map(list -> withoutAsOf(auditor.get(list))).toList())
                .isEqualTo(before);
        assertThat(before.get(0).path("items"))
                .anyMatch(item -> item.path("id").asText().equals(gone));
    }

    @Test
    void aListReflectsTheWriteItIsAskedToAndSaysWhere() {
        String tag = tag();
        LedgerHttp.Response registered =
                artist.post("/api/artists", Map.of("handle", "new" + tag, "displayName", "New"));
        String position = registered.header(ReadYourWrites.HEADER);
        LedgerHttp.Response listed =
                auditor.get("/api/artists?handle=new" + tag + "&atLeast=" + position);
        assertThat(ids(ok(listed), "id")).containsExactly(registered.id());
        assertThat(Long.parseLong(listed.header(ReadYourWrites.HEADER)))
                .isGreaterThanOrEqualTo(Long.parseLong(position));
        assertThat(listed.json().path("asOf").asLong())
                .isGreaterThanOrEqualTo(Long.parseLong(position));
    }

    @Test
    void badPagingAndSearchParametersAreRefusedAsProblems() {
        String[][] refusals = {
            {"/api/artists?limit=0", "limit", "422"},
            {"/api/artists?limit=501", "limit", "422"},
            {"/api/records?limit=ten", "limit", "400"},
            {"/api/releases?cursor=-1", "cursor", "422"},
            {"/api/collaborations?cursor=1234567890123456789", "cursor", "422"},
            {"/api/artists?q=", "q", "422"},
            {"/api/artists?q=" + "x".repeat(101), "q", "422"},
            {"/api/artists?q=a%0Ab", "q", "422"},
            {"/api/artists?handle=" + "x".repeat(33), "handle", "422"},
            {"/api/records?creatorId=ana", "creatorId", "422"},
            {"/api/records?collaborationId=1", "collaborationId", "422"},
            {"/api/records?mediaType=SMELL", "mediaType", "400"},
            {"/api/records?title=%20", "title", "422"},
            {"/api/collaborations?state=DONE", "state", "400"},
            {"/api/releases?state=DRAFT", "state", "400"},
            {"/api/allocations?releaseId=x", "releaseId", "422"},
            {"/api/allocations?state=PAID", "state", "400"},
            {"/api/payout-runs?currency=XYZ", "currency", "422", "unknown-currency"},
            {"/api/payments?runId=x", "runId", "422"},
            {"/api/payments?artistId=x", "artistId", "422"},
            {"/api/payments?state=LOST", "state", "400"},
            {"/api/payments?atLeast=soon", "atLeast", "422"},
        };
        SoftAssertions softly = new SoftAssertions();
        for (String[] refusal : refusals) {
            LedgerHttp.Response answer = auditor.get(refusal[0]);
            softly.assertThat(answer.status())
                    .as(refusal[0])
                    .isEqualTo(Integer.parseInt(refusal[2]));
            softly.assertThat(answer.contentType())
                    .as(refusal[0])
                    .startsWith("application/problem+json");
            softly.assertThat(answer.json() == null ? null : answer.json().path("code").asText())
                    .as(refusal[0])
                    .isEqualTo(refusal.length > 3 ? refusal[3] : "invalid-input");
            softly.assertThat(answer.json() == null ? null : answer.json().path("field").asText())
                    .as(refusal[0])
                    .isEqualTo(refusal[1]);
        }
        softly.assertAll();
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    private static Map<String, Object> opening(String title) {
        return Map.of("title", title, "theme", "weather", "prompt", "make weather");
    }

    private String budgetRelease(String title) {
        return scenario.release(
                Map.of(
                        "title",
                        title,
                        "kind",
                        "ALBUM",
                        "fundingModel",
                        "BUDGET",
                        "budget",
                        Map.of("amount", 1_000_000, "currency", "USD")));
    }

    /** Every page of a list, following each page's {@code next} link. */
    private static List<JsonNode> allPages(LedgerHttp reader, String first) {
        List<JsonNode> pages = new ArrayList<>();
        String next = first;
        while (next != null) {
            JsonNode page = ok(reader.get(next));
            pages.add(page);
            assertThat(page.has("next")).isEqualTo(page.has("nextCursor"));
            next = page.has("next") ? page.path("next").asText() : null;
        }
        return pages;
    }

    private static List<JsonNode> items(LedgerHttp reader, String first) {
        List<JsonNode> items = new ArrayList<>();
        allPages(reader, first).forEach(page -> page.path("items").forEach(items::add));
        return items;
    }

    private static List<String> everyId(LedgerHttp reader, String first) {
        return items(reader, first).stream().map(item -> item.path("id").asText()).toList();
    }

    private static List<String> ids(JsonNode page, String field) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path(field).asText()));
        return ids;
    }

    private static JsonNode withoutAsOf(LedgerHttp.Response response) {
        JsonNode page = ok(response).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) page).remove("asOf");
        return page;
    }

    private static JsonNode ok(LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static String created(LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
