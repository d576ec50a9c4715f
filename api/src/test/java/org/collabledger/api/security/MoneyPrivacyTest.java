package org.collabledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.assertj.core.api.SoftAssertions;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An artist sees money facts only about the artists it acts for, on every route. {@code artist}
 * registered Ana; {@code artist2} registered Ben, who shares one release with Ana and has no part
 * in Ana's solo release. Ben's principal reads every GET of the API document with every id the
 * ledger holds, and no amount of Ana's (lines, adjustment, payment), no comment of hers and no
 * revenue appears in any answer; it still reads its own line and the pool it was cut from. Ana's
 * principal still reads all of Ana's money.
 */
class MoneyPrivacyTest extends H2Ledger {

    /**
     * Ana's lines (60,001 of the shared pool 90,001; all of the solo pool), adjustment and payment.
     */
    private static final long[] ANAS = {60_001, 50_505, 11_111, 121_617};

    private static final long REVENUE = 77_777;
    private static final String COMPLAINT = "ana thinks the drawing deserves more";

    private LedgerHttp ben;
    private String ana;
    private String benId;
    private String shared;
    private String solo;
    private String sharedAllocation;
    private String soloAllocation;
    private String anasPayment;
    private String bensPayment;
    private String run;
    private String collaboration;
    private List<String> records;

    @BeforeEach
    void anaAndBenArePaid() {
        ben = artist.as("artist2");
        String tag = UUID.randomUUID().toString().substring(0, 6);
        ana = scenario.artist("ana" + tag);
        benId =
                created(
                        ben.post(
                                "/api/artists",
                                Map.of("handle", "ben" + tag, "displayName", "Ben")));
        String drawing = scenario.upload(ana, "drawing " + tag);
        String song =
                created(
                        ben.post(
                                "/api/records",
                                Scenario.uploadBody(benId, "song " + tag, List.of())));
        String sketch = scenario.upload(ana, "sketch " + tag);
        records = List.of(drawing, song, sketch);
        shared = publishedBudgetRelease(Map.of(drawing, 2, song, 1));
        solo = publishedBudgetRelease(Map.of(sketch, 1));
        created(
                finance.post(
                        "/api/releases/" + shared + "/revenue",
                        Map.of(
                                "amount",
                                REVENUE,
                                "currency",
                                "USD",
                                "period",
                                "2026-H2",
                                "sourceRef",
                                "sales")));

        sharedAllocation = proposed(shared, 90_001);
        ok(
                artist.post(
                        "/api/allocations/" + sharedAllocation + "/comments",
                        Map.of("artistId", ana, "claim", "TOO_LOW", "text", COMPLAINT)));
        soloAllocation = proposed(solo, 50_505);
        ok(finance.post("/api/allocations/" + sharedAllocation + "/finalize", Map.of()));
        ok(finance.post("/api/allocations/" + soloAllocation + "/finalize", Map.of()));
        caughtUp();
        String credit =
                auditor.get("/api/events?type=treasury.allocation-credited")
                        .json()
                        .path("events")
                        .get(0)
                        .path("eventId")
                        .asText();
        created(
                finance.post(
                        "/api/artists/" + ana + "/adjustments",
                        Map.of(
                                "currency",
                                "USD",
                                "amount",
                                11_111,
                                "reason",
                                "late sale",
                                "correctedEventId",
                                credit)));
        run =
                created(
                        finance.post(
                                "/api/payout-runs", Map.of("currency", "USD", "threshold", 1_000)));
        caughtUp();
        for (JsonNode payment : auditor.get("/api/payout-runs/" + run).json().path("payments")) {
            if (payment.path("artistId").asText().equals(ana)) {
                anasPayment = payment.path("paymentId").asText();
            } else {
                bensPayment = payment.path("paymentId").asText();
            }
        }
        ok(finance.post("/api/payments/" + anasPayment + "/settle", Map.of()));
        collaboration =
                created(
                        curator.post(
                                "/api/collaborations",
                                Map.of("title", "Call", "theme", "snow", "prompt", "make snow")));
        caughtUp();
    }

    @Test
    void anArtistLearnsNoAmountOfAnotherArtistFromAnyRoute() {
        List<String> reads = everyRead();
        SoftAssertions softly = new SoftAssertions();
        StringBuilder seenByAuditor = new StringBuilder();
        for (String read : reads) {
            softly.assertThat(visible(ben.get(read)))
                    .as("artist2 GET " + read)
                    .doesNotContainPattern(
                            amount(
                                    LongStream.concat(Arrays.stream(ANAS), LongStream.of(REVENUE))
                                            .toArray()))
                    .doesNotContain(COMPLAINT);
            seenByAuditor.append(visible(auditor.get(read)));
        }
        softly.assertAll();
        // The same reads do carry every one of those facts, to a role that may see them.
        for (long amount : ANAS) {
            assertThat(seenByAuditor)
                    .as("an auditor reads " + amount)
                    .containsPattern(amount(amount));
        }
        assertThat(seenByAuditor).containsPattern(amount(REVENUE)).contains(COMPLAINT);
    }

    @Test
    void anArtistReadsItsOwnLineAndThePoolItWasCutFromButNotTheOtherLines() {
        JsonNode allocation = ben.get("/api/allocations/" + sharedAllocation).json();
        assertThat(allocation.path("pool").asLong()).isEqualTo(90_001);
        assertThat(allocation.path("lines")).hasSize(1);
        assertThat(allocation.path("lines").get(0).path("artistId").asText()).isEqualTo(benId);
        assertThat(allocation.path("lines").get(0).path("amount").asLong()).isEqualTo(30_000);
        assertThat(allocation.path("comments")).isEmpty();
        assertThat(ben.get("/api/payments/" + bensPayment).json().path("amount").asLong())
                .isEqualTo(30_000);
        assertThat(ben.get("/api/payout-runs/" + run).json().path("payments")).hasSize(1);
        assertThat(ben.get("/api/releases/" + shared + "/allocations").json()).hasSize(1);
        assertThat(ben.get("/api/artists/" + benId + "/statements?currency=USD").raw().body())
                .containsPattern(amount(30_000))
                .containsPattern(amount(90_001));
    }

    @Test
    void anArtistStillReadsAllOfItsOwnMoney() {
        String statement =
                artist.get("/api/artists/" + ana + "/statements?currency=USD").raw().body()
                        + artist.get("/api/artists/" + ana + "/statements.csv?currency=USD")
                                .raw()
                                .body();
        for (long amount : ANAS) {
            assertThat(statement).containsPattern(amount(amount));
        }
        JsonNode allocation = artist.get("/api/allocations/" + sharedAllocation).json();
        assertThat(allocation.path("lines"))
                .extracting(line -> line.path("amount").asLong())
                .containsExactly(60_001L);
        assertThat(allocation.path("comments").get(0).path("text").asText()).isEqualTo(COMPLAINT);
        assertThat(artist.get("/api/allocations/" + soloAllocation).json().path("pool").asLong())
                .isEqualTo(50_505);
        assertThat(artist.get("/api/payments/" + anasPayment).json().path("amount").asLong())
                .isEqualTo(121_617);
        String paid = artist.get("/api/events?type=treasury.payment-issued").raw().body();
        assertThat(paid).containsPattern(amount(121_617)).doesNotContainPattern(amount(30_000));
        seal.sealAvailable();
        JsonNode proof =
                artist.get(
                                artist.get("/api/artists/" + ana + "/statements?currency=USD")
                                        .json()
                                        .path("lines")
                                        .get(0)
                                        .path("proof")
                                        .asText())
                        .json();
        assertThat(proof.path("entryMatchesLeaf").asBoolean()).isTrue();
    }

    /** Any of these numbers as a whole token: not part of an id, a longer number or a time. */
    private static Pattern amount(long... amounts) {
        return Pattern.compile(
                "(?<![\\w.-])("
                        + String.join(
                                "|", Arrays.stream(amounts).mapToObj(String::valueOf).toList())
                        + ")(?![\\w-])");
    }

    /**
     * Every GET of the API document, with every id of the fixture for each path variable and
     * required query parameter, every aggregate's history, a proof of every stored event, and the
     * feed of each event type.
     */
    private List<String> everyRead() {
        List<String> reads = new ArrayList<>();
        for (JsonNode event : auditor.get("/api/events?limit=1000").json().path("events")) {
            reads.add("/api/ledger/proof?eventId=" + event.path("eventId").asText());
            reads.add("/api/events?type=" + event.path("type").asText());
            reads.add(
                    "/api/"
                            + Map.of(
                                            "Artist",
                                            "artists",
                                            "Record",
                                            "records",
                                            "Collaboration",
                                            "collaborations",
                                            "Release",
                                            "releases",
                                            "Allocation",
                                            "allocations",
                                            "Treasury",
                                            "treasuries")
                                    .get(event.path("aggregateType").asText())
                            + "/"
                            + event.path("aggregateId").asText()
                            + "/events");
        }
        Map<String, List<String>> ids =
                Map.of(
                        "artistId",
                        List.of(ana, benId),
                        "recordId",
                        records,
                        "to",
                        records,
                        "releaseId",
                        List.of(shared, solo),
                        "allocationId",
                        List.of(sharedAllocation, soloAllocation),
                        "paymentId",
                        List.of(anasPayment, bensPayment),
                        "runId",
                        List.of(run),
                        "collaborationId",
                        List.of(collaboration),
                        "currency",
                        List.of("USD"));
        artist.as(null)
                .get("/v3/api-docs")
                .json()
                .path("paths")
                .properties()
                .forEach(
                        path -> {
                            JsonNode get = path.getValue().path("get");
                            // Histories and proofs are read above, for every aggregate and event
                            // there is.
                            if (get.isMissingNode()
                                    || path.getKey().equals("/api/{kind}/{id}/events")
                                    || path.getKey().equals("/api/ledger/proof")
                                    || !path.getKey().startsWith("/api/")) {
                                return;
                            }
                            StringBuilder template = new StringBuilder(path.getKey());
                            for (JsonNode parameter : get.path("parameters")) {
                                if (parameter.path("in").asText().equals("query")
                                        && parameter.path("required").asBoolean()) {
                                    String name = parameter.path("name").asText();
                                    template.append(template.indexOf("?") < 0 ? '?' : '&')
                                            .append(name)
                                            .append("={")
                                            .append(name)
                                            .append('}');
                                }
                            }
                            expand(template.toString(), ids, reads);
                        });
        return reads.stream().distinct().toList();
    }

    private static void expand(String template, Map<String, List<String>> ids, List<String> into) {
        int open = template.indexOf('{');
        if (open < 0) {
            into.add(template);
            return;
        }
        String name = template.substring(open + 1, template.indexOf('}', open));
        assertThat(ids).as("ids for {" + name + "}").containsKey(name);
        for (String id : ids.get(name)) {
            expand(template.replace("{" + name + "}", id), ids, into);
        }
    }

    /**
     * What a reader learns from an answer: its body, and the stored bytes a proof carries, decoded.
     */
    private static String visible(LedgerHttp.Response response) {
        String body = response.raw().body();
        JsonNode entry = response.json() == null ? null : response.json().path("entry");
        if (entry == null || entry.isMissingNode() || entry.isNull()) {
            return body;
        }
        return body
                + new String(
                        Base64.getDecoder().decode(entry.path("payload").asText()),
                        StandardCharsets.UTF_8);
    }

    private String publishedBudgetRelease(Map<String, Integer> weights) {
        String release =
                scenario.release(
                        Map.of(
                                "title",
                                "Release " + UUID.randomUUID(),
                                "kind",
                                "ALBUM",
                                "fundingModel",
                                "BUDGET",
                                "budget",
                                Map.of("amount", 1_000_000, "currency", "USD")));
        weights.forEach((record, weight) -> scenario.select(release, record, weight, "music"));
        scenario.publish(release);
        return release;
    }

    private String proposed(String release, long pool) {
        return created(
                curator.post(
                        "/api/releases/" + release + "/allocations",
                        Map.of("currency", "USD", "pool", pool, "reviewDays", 0)));
    }

    private static void ok(LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private static String created(LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }
}
