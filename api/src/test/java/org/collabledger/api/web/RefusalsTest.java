package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.collabledger.domain.shared.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input over real HTTP gets a 4xx {@code application/problem+json} naming the
 * problem and the field, and the event store holds exactly as many events afterwards as before.
 */
class RefusalsTest extends H2Ledger {

    String ana;
    String draw;

    @BeforeEach
    void world() {
        ana = scenario.artist("ana" + UUID.randomUUID().toString().substring(0, 8));
        draw = scenario.upload(ana, "drawing");
    }

    @Test
    void remixOfAnUnknownResourceIsRefused() {
        refused(
                422,
                "unknown-resource",
                "resources[0].recordId",
                () ->
                        artist.post(
                                "/api/records",
                                remixOf(
                                        Map.of(
                                                "recordId",
                                                UUID.randomUUID().toString(),
                                                "weight",
                                                1))));
    }

    @Test
    void remixOfATakenDownResourceIsRefused() {
        scenario.takeDown(draw);
        refused(
                422,
                "resource-taken-down",
                "resources[0].recordId",
                () -> artist.post("/api/records", remixOf(Map.of("recordId", draw, "weight", 1))));
    }

    @Test
    void aRecordCannotCiteItself() {
        refused(
                422,
                "self-citation",
                "resourceId",
                () ->
                        curator.post(
                                "/api/records/" + draw + "/citation-corrections",
                                Map.of(
                                        "action",
                                        "ADD",
                                        "resourceId",
                                        draw,
                                        "weight",
                                        1,
                                        "reason",
                                        "oops")));
    }

    @Test
    void aCorrectionCannotCloseACycle() {
        String remix = scenario.remix(ana, "remix", draw, 1);
        refused(
                422,
                "citation-cycle",
                "resourceId",
                () ->
                        curator.post(
                                "/api/records/" + draw + "/citation-corrections",
                                Map.of(
                                        "action",
                                        "ADD",
                                        "resourceId",
                                        remix,
                                        "weight",
                                        1,
                                        "reason",
                                        "claimed source")));
    }

    @Test
    void aRemixCitesAtMostSixteenResources() {
        List<Map<String, Object>> seventeen = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            seventeen.add(Map.of("recordId", scenario.upload(ana, "piece " + i), "weight", 1));
        }
        refused(
                422,
                "too-many-resources",
                "resources",
                () ->
                        artist.post(
                                "/api/records", Scenario.uploadBody(ana, "big remix", seventeen)));
    }

    @Test
    void aResourceIsCitedOnce() {
        refused(
                422,
                "duplicate-resource",
                "resources[1].recordId",
                () ->
                        artist.post(
                                "/api/records",
                                remixOf(
                                        Map.of("recordId", draw, "weight", 1),
                                        Map.of("recordId", draw, "weight", 2))));
    }

    @Test
    void weightsArePositiveIntegers() {
        refused(
                422,
                "invalid-weight",
                "resources[0].weight",
                () -> artist.post("/api/records", remixOf(Map.of("recordId", draw, "weight", 0))));
        refused(
                400,
                "wrong-type",
                "resources[0].weight",
                () ->
                        artist.post(
                                "/api/records", remixOf(Map.of("recordId", draw, "weight", 1.5))));
        refused(
                400,
                "wrong-type",
                "resources[0].weight",
                () ->
                        artist.post(
                                "/api/records", remixOf(Map.of("recordId", draw, "weight", "2"))));
        refused(
                400,
                "wrong-type",
                "resources[0].weight",
                () ->
                        artist.post(
                                "/api/records",
                                remixOf(Map.of("recordId", draw, "weight", 99999999999L))));
        String release = openRelease();
        refused(
                422,
                "invalid-weight",
                "weight",
                () ->
                        curator.post(
                                "/api/releases/" + release + "/selections",
                                Map.of("recordId", draw, "weight", -1, "role", "music")));
    }

    @Test
    void malformedJsonIsRefused() {
        refused(
                400,
                "malformed-json",
                "creatorId",
                () -> artist.postRaw("/api/records", "{\"creatorId\": ", "application/json"));
        refused(
                400,
                "malformed-json",
                null,
                () -> artist.postRaw("/api/records", "", "application/json"));
        refused(
                415,
                "unsupported-media-type",
                null,
                () -> artist.postRaw("/api/records", "x", "text/plain"));
    }

    @Test
    void aBodyWithAnythingAfterItsJsonValueIsRefused() {
        String body = "{\"handle\":\"tail\",\"displayName\":\"Tail\"}";
        refused(
                400,
                "malformed-json",
                null,
                () -> artist.postRaw("/api/artists", body + "x", "application/json"));
        refused(
                400,
                "malformed-json",
                null,
                () -> artist.postRaw("/api/artists", body + "}", "application/json"));
        refused(
                400,
                "malformed-json",
                null,
                () -> artist.postRaw("/api/artists", body + body, "application/json"));
    }

    @Test
    void aBodyDeclaredAsAWildcardTypeIsRefusedAsUnsupported() {
        String body = "{\"handle\":\"wild\",\"displayName\":\"Wild\"}";
        refused(
                415,
                "unsupported-media-type",
                null,
                () -> artist.postRaw("/api/artists", body, "*/*"));
        refused(
                415,
                "unsupported-media-type",
                null,
                () -> artist.postRaw("/api/artists", body, "application/*"));
    }

    @Test
    void missingAndUnknownFieldsAreNamed() {
        Map<String, Object> noTitle = new HashMap<>(Scenario.uploadBody(ana, "t", List.of()));
        noTitle.remove("title");
        refused(400, "invalid-input", "title", () -> artist.post("/api/records", noTitle));
        Map<String, Object> extra = new HashMap<>(Scenario.uploadBody(ana, "t", List.of()));
        extra.put("price", 3);
        refused(400, "unknown-field", "price", () -> artist.post("/api/records", extra));
        Map<String, Object> badMedia = new HashMap<>(Scenario.uploadBody(ana, "t", List.of()));
        badMedia.put("mediaType", "hologram");
        refused(400, "wrong-type", "mediaType", () -> artist.post("/api/records", badMedia));
    }

    @Test
    void textAndIdsAreChecked() {
        Map<String, Object> longTitle = new HashMap<>(Scenario.uploadBody(ana, "t", List.of()));
        longTitle.put("title", "x".repeat(201));
        refused(422, "invalid-input", "title", () -> artist.post("/api/records", longTitle));
        Map<String, Object> control = new HashMap<>(Scenario.uploadBody(ana, "t", List.of()));
        control.put("title", "bell\u0007");
        refused(422, "invalid-input", "title", () -> artist.post("/api/records", control));
        Map<String, Object> badDigest = new HashMap<>(Scenario.uploadBody(ana, "t", List.of()));
        badDigest.put("contentDigest", "abc");
        refused(
                422,
                "invalid-input",
                "contentDigest",
                () -> artist.post("/api/records", badDigest));
        Map<String, Object> notAnId =
                new HashMap<>(Scenario.uploadBody("'; drop table x", "t", List.of()));
        refused(422, "invalid-input", "creatorId", () -> artist.post("/api/records", notAnId));
        refused(
                422,
                "invalid-input",
                "recordId",
                () -> curator.post("/api/records/not-an-id/takedown", Map.of("reason", "x")));
        refused(
                422,
                "unknown-artist",
                "creatorId",
                () ->
                        artist.post(
                                "/api/records",
                                Scenario.uploadBody(UUID.randomUUID().toString(), "t", List.of())));
    }

    @Test
    void textIsWellFormedUnicodeOnOneLineButReasonsMayBreakLines() {
        // A JSON escape can carry half of a surrogate pair, which is no character; an event would
        // keep it forever.
        for (String title :
                List.of(
                        "a\\ud800",
                        "\\udc00b",
                        "\\ud83c",
                        "two\\nlines",
                        "tab\\there",
                        "a\\u2028b")) {
            refused(
                    422,
                    "invalid-input",
                    "title",
                    () -> artist.post("/api/records", uploadWithRawTitle("\"" + title + "\"")));
        }
        refused(
                422,
                "invalid-input",
                "displayName",
                () ->
                        artist.post(
                                "/api/artists",
                                "{\"handle\":\"surrogate\",\"displayName\":\"x\\udfff\"}"));
        String release = openRelease();
        scenario.select(release, draw, 1, "music");
        refused(
                422,
                "invalid-input",
                "reason",
                () ->
                        curator.delete(
                                "/api/releases/"
                                        + release
                                        + "/selections/"
                                        + draw
                                        + "?reason=a%E2%80%A8b"));
        LedgerHttp.Response takedown =
                curator.post(
                        "/api/records/" + draw + "/takedown",
                        "{\"reason\":\"claim one,\\nclaim two\"}");
        assertThat(takedown.status()).as(takedown.toString()).isEqualTo(200);
    }

    @Test
    void handlesAreUniqueAndWellFormed() {
        String handle = "zed" + UUID.randomUUID().toString().substring(0, 6);
        scenario.artist(handle);
        refused(
                409,
                "handle-taken",
                "handle",
                () ->
                        artist.post(
                                "/api/artists",
                                Map.of("handle", handle, "displayName", "Another")));
        refused(
                422,
                "invalid-input",
                "handle",
                () ->
                        artist.post(
                                "/api/artists",
                                Map.of("handle", "no spaces", "displayName", "Another")));
    }

    @Test
    void takedownsAndReleasesKeepTheirRules() {
        scenario.takeDown(draw);
        refused(
                409,
                "already-taken-down",
                null,
                () ->
                        curator.post(
                                "/api/records/" + draw + "/takedown", Map.of("reason", "again")));
        String release = openRelease();
        refused(
                422,
                "record-taken-down",
                "recordId",
                () ->
                        curator.post(
                                "/api/releases/" + release + "/selections",
                                Map.of("recordId", draw, "weight", 1, "role", "music")));
        refused(
                409,
                "empty-selection",
                null,
                () -> curator.post("/api/releases/" + release + "/publish", Map.of()));
        String song = scenario.upload(ana, "song");
        scenario.select(release, song, 1, "music");
        refused(
                409,
                "already-selected",
                "recordId",
                () ->
                        curator.post(
                                "/api/releases/" + release + "/selections",
                                Map.of("recordId", song, "weight", 2, "role", "music")));
        scenario.publish(release);
        refused(
                409,
                "release-published",
                null,
                () -> curator.post("/api/releases/" + release + "/publish", Map.of()));
        refused(
                409,
                "release-published",
                null,
                () -> curator.delete("/api/releases/" + release + "/selections/" + song));
        refused(
                404,
                "not-found",
                null,
                () -> curator.post("/api/releases/" + song + "/publish", Map.of()));
    }

    @Test
    void releaseFundingIsChecked() {
        refused(
                422,
                "invalid-fraction",
                "poolRate",
                () ->
                        curator.post(
                                "/api/releases",
                                Map.of(
                                        "title",
                                        "x",
                                        "kind",
                                        "ALBUM",
                                        "fundingModel",
                                        "PROFIT_SHARE",
                                        "poolRate",
                                        "3/2")));
        refused(
                422,
                "invalid-fraction",
                "retention",
                () ->
                        curator.post(
                                "/api/releases",
                                Map.of(
                                        "title",
                                        "x",
                                        "kind",
                                        "ALBUM",
                                        "fundingModel",
                                        "PROFIT_SHARE",
                                        "retention",
                                        "0/1")));
        refused(
                422,
                "invalid-fraction",
                "poolRate",
                () ->
                        curator.post(
                                "/api/releases",
                                Map.of(
                                        "title",
                                        "x",
                                        "kind",
                                        "ALBUM",
                                        "fundingModel",
                                        "PROFIT_SHARE",
                                        "poolRate",
                                        "0.5")));
        refused(
                422,
                "unknown-currency",
                "budget.currency",
                () ->
                        curator.post(
                                "/api/releases",
                                Map.of(
                                        "title",
                                        "x",
                                        "kind",
                                        "ALBUM",
                                        "fundingModel",
                                        "BUDGET",
                                        "budget",
                                        Map.of("amount", 100, "currency", "ZZZ"))));
        refused(
                422,
                "invalid-money",
                "budget.amount",
                () ->
                        curator.post(
                                "/api/releases",
                                Map.of(
                                        "title",
                                        "x",
                                        "kind",
                                        "ALBUM",
                                        "fundingModel",
                                        "BUDGET",
                                        "budget",
                                        Map.of("amount", -5, "currency", "USD"))));
        refused(
                422,
                "invalid-funding",
                "budget",
                () ->
                        curator.post(
                                "/api/releases",
                                Map.of("title", "x", "kind", "ALBUM", "fundingModel", "BUDGET")));
        refused(
                422,
                "unknown-artist",
                "waivedArtistIds[0]",
                () ->
                        curator.post(
                                "/api/releases",
                                Map.of(
                                        "title",
                                        "x",
                                        "kind",
                                        "ALBUM",
                                        "fundingModel",
                                        "PROFIT_SHARE",
                                        "waivedArtistIds",
                                        List.of(UUID.randomUUID().toString()))));
    }

    @Test
    void twoAdjustmentsOfTheLargestLongAreRefusedAndTheMoneyChecksStillAnswer() {
        String credit = aCreditedAllocation();
        String bea = scenario.artist("bea" + UUID.randomUUID().toString().substring(0, 8));
        String cai = scenario.artist("cai" + UUID.randomUUID().toString().substring(0, 8));
        for (String artistId : List.of(bea, cai)) {
            refused(
                    422,
                    "amount-out-of-range",
                    "amount",
                    () ->
                            finance.post(
                                    "/api/artists/" + artistId + "/adjustments",
                                    adjustment("USD", Long.MAX_VALUE, credit)));
        }
        caughtUp();
        LedgerHttp.Response checks = auditor.get("/api/ledger/checks");
        assertThat(checks.status()).as(checks.toString()).isEqualTo(200);
        assertThat(checks.json().path("ok").asBoolean()).as(checks.toString()).isTrue();
    }

    @Test
    void noAmountEntersBeyondTheLimit() {
        String credit = aCreditedAllocation();
        String release = publishedRelease();
        long tooMuch = Money.LIMIT + 1;
        refused(
                422,
                "amount-out-of-range",
                "amount",
                () -> finance.post("/api/releases/" + release + "/revenue", entry(tooMuch)));
        refused(
                422,
                "amount-out-of-range",
                "amount",
                () -> finance.post("/api/releases/" + release + "/costs", entry(tooMuch)));
        refused(
                422,
                "amount-out-of-range",
                "budget.amount",
                () ->
                        curator.post(
                                "/api/releases",
                                Map.of(
                                        "title",
                                        "x",
                                        "kind",
                                        "ALBUM",
                                        "fundingModel",
                                        "BUDGET",
                                        "budget",
                                        Map.of("amount", tooMuch, "currency", "USD"))));
        refused(
                422,
                "amount-out-of-range",
                "threshold",
                () ->
                        finance.post(
                                "/api/payout-runs",
                                Map.of("currency", "USD", "threshold", tooMuch)));
        refused(
                422,
                "amount-out-of-range",
                "amount",
                () ->
                        finance.post(
                                "/api/artists/" + ana + "/adjustments",
                                adjustment("USD", -tooMuch, credit)));
    }

    @Test
    void adjustmentsOfTwoArtistsTogetherStayWithinTheLimit() {
        String credit = aCreditedAllocation();
        String bea = scenario.artist("bea" + UUID.randomUUID().toString().substring(0, 8));
        // In a currency of its own: the treasury this fills refuses every later amount, as it
        // should.
        assertThat(
                        finance.post(
                                        "/api/artists/" + ana + "/adjustments",
                                        adjustment("CHF", Money.LIMIT, credit))
                                .status())
                .isEqualTo(201);
        refused(
                422,
                "amount-out-of-range",
                "amount",
                () ->
                        finance.post(
                                "/api/artists/" + bea + "/adjustments",
                                adjustment("CHF", 1, credit)));
    }

    @Test
    void anAdjustmentCorrectsAMoneyEventTheLedgerHolds() {
        String credit = aCreditedAllocation();
        for (String nothing :
                List.of("not-a-uuid", "../../../etc/passwd", UUID.randomUUID().toString())) {
            refused(
                    422,
                    "unknown-event",
                    "correctedEventId",
                    () ->
                            finance.post(
                                    "/api/artists/" + ana + "/adjustments",
                                    adjustment("USD", 100, nothing)));
        }
        String registration = feed.ofAggregate(ana, "Artist", Long.MAX_VALUE).get(0).eventId();
        refused(
                422,
                "invalid-input",
                "correctedEventId",
                () ->
                        finance.post(
                                "/api/artists/" + ana + "/adjustments",
                                adjustment("USD", 100, registration)));

        String adjustmentId =
                finance.post(
                                "/api/artists/" + ana + "/adjustments",
                                adjustment("USD", -100, credit))
                        .id();
        String adjusted =
                feed.ofType("treasury.adjustment-recorded", Long.MAX_VALUE).stream()
                        .filter(
                                event ->
                                        adjustmentId.equals(
                                                event.payload().path("adjustmentId").asText()))
                        .findFirst()
                        .orElseThrow()
                        .eventId();
        assertThat(
                        finance.post(
                                        "/api/artists/" + ana + "/adjustments",
                                        adjustment("USD", 100, adjusted))
                                .status())
                .as("an earlier adjustment may itself be corrected")
                .isEqualTo(201);
    }

    @Test
    void aReleaseNamesACollaborationTheLedgerHolds() {
        refused(
                422,
                "unknown-collaboration",
                "collaborationId",
                () -> curator.post("/api/releases", releaseOf(UUID.randomUUID().toString())));
        refused(
                422,
                "unknown-collaboration",
                "collaborationId",
                () -> curator.post("/api/releases", releaseOf(draw)));
        refused(
                422,
                "invalid-input",
                "collaborationId",
                () -> curator.post("/api/releases", releaseOf("../collaborations")));
        String call =
                curator.post(
                                "/api/collaborations",
                                Map.of("title", "Call", "theme", "remix", "prompt", "go"))
                        .id();
        assertThat(curator.post("/api/releases", releaseOf(call)).status()).isEqualTo(201);
    }

    @Test
    void onlyCurrenciesInUseForPaymentsAreAccepted() {
        // DEM and HRK gave way to the euro; USN and CLF are fund codes and XAU is gold: no one is
        // paid in them.
        for (String code : List.of("DEM", "HRK", "USN", "CLF", "XAU")) {
            refused(
                    422,
                    "unknown-currency",
                    "budget.currency",
                    () ->
                            curator.post(
                                    "/api/releases",
                                    Map.of(
                                            "title",
                                            "x",
                                            "kind",
                                            "ALBUM",
                                            "fundingModel",
                                            "BUDGET",
                                            "budget",
                                            Map.of("amount", 100, "currency", code))));
        }
        String release = openRelease();
        refused(
                422,
                "unknown-currency",
                "currency",
                () ->
                        finance.post(
                                "/api/releases/" + release + "/revenue",
                                Map.of(
                                        "amount",
                                        100,
                                        "currency",
                                        "USN",
                                        "period",
                                        "2026-H2",
                                        "sourceRef",
                                        "s")));
        refused(
                422,
                "unknown-currency",
                "currency",
                () -> finance.post("/api/payout-runs", Map.of("currency", "CLF", "threshold", 1)));
    }

    @Test
    void rolesAndSignInAreEnforced() {
        refused(
                401,
                "unauthenticated",
                null,
                () ->
                        artist.as(null)
                                .post(
                                        "/api/artists",
                                        Map.of("handle", "nobody", "displayName", "N")));
        refused(401, "unauthenticated", null, () -> artist.as(null).get("/api/events"));
        refused(
                403,
                "forbidden",
                null,
                () -> artist.post("/api/records/" + draw + "/takedown", Map.of("reason", "x")));
        refused(
                403,
                "forbidden",
                null,
                () ->
                        artist.post(
                                "/api/releases",
                                Map.of(
                                        "title",
                                        "x",
                                        "kind",
                                        "ALBUM",
                                        "fundingModel",
                                        "PROFIT_SHARE")));
        refused(
                403,
                "forbidden",
                null,
                () ->
                        artist.as("auditor")
                                .post("/api/records", Scenario.uploadBody(ana, "t", List.of())));
    }

    /** A published release crediting {@code ana}'s drawing, so money can be recorded for it. */
    private String publishedRelease() {
        String release = openRelease();
        scenario.select(release, draw, 1, "music");
        scenario.publish(release);
        return release;
    }

    /** The id of the event that credited a finalized allocation of 1,000 USD to {@code ana}. */
    private String aCreditedAllocation() {
        String release = publishedRelease();
        assertThat(finance.post("/api/releases/" + release + "/revenue", entry(2_000)).status())
                .isEqualTo(201);
        String allocation =
                curator.post(
                                "/api/releases/" + release + "/allocations",
                                Map.of("currency", "USD", "reviewDays", 0))
                        .id();
        assertThat(finance.post("/api/allocations/" + allocation + "/finalize", Map.of()).status())
                .isEqualTo(200);
        return feed.ofType("treasury.allocation-credited", Long.MAX_VALUE).stream()
                .filter(event -> allocation.equals(event.payload().path("allocationId").asText()))
                .findFirst()
                .orElseThrow()
                .eventId();
    }

    private static Map<String, Object> entry(long amount) {
        return Map.of(
                "amount",
                amount,
                "currency",
                "USD",
                "period",
                "2026-H2",
                "sourceRef",
                "report " + amount);
    }

    private static Map<String, Object> adjustment(
            String currency, long amount, String correctedEventId) {
        return Map.of(
                "currency",
                currency,
                "amount",
                amount,
                "reason",
                "correction",
                "correctedEventId",
                correctedEventId);
    }

    private static Map<String, Object> releaseOf(String collaborationId) {
        return Map.of(
                "title",
                "Album",
                "kind",
                "ALBUM",
                "fundingModel",
                "PROFIT_SHARE",
                "collaborationId",
                collaborationId);
    }

    private String openRelease() {
        return scenario.release(
                Map.of("title", "Album", "kind", "ALBUM", "fundingModel", "PROFIT_SHARE"));
    }

    /** An upload whose title is {@code rawJson} exactly as written, escapes and all. */
    private String uploadWithRawTitle(String rawJson) {
        try {
            return new ObjectMapper()
                    .writeValueAsString(Scenario.uploadBody(ana, "TITLE", List.of()))
                    .replace("\"TITLE\"", rawJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SafeVarargs
    private Map<String, Object> remixOf(Map<String, Object>... resources) {
        return Scenario.uploadBody(ana, "remix", List.of(resources));
    }

    private void refused(
            int status, String code, String field, Supplier<LedgerHttp.Response> request) {
        long before = feed.count();
        LedgerHttp.Response response = request.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("type").asText())
                .isEqualTo("urn:collabledger:problem:" + code);
        assertThat(
                        response.json().path("field").isMissingNode()
                                ? null
                                : response.json().path("field").asText())
                .isEqualTo(field);
        assertThat(response.toString())
                .doesNotContain("Exception")
                .doesNotContain("org.collabledger");
        assertThat(feed.count()).as("events stored by a refused request").isEqualTo(before);
    }
}
