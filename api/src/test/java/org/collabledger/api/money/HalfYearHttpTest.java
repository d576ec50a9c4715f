package org.collabledger.api.money;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.MutableClock;
import org.collabledger.projections.money.MoneyProjection;
import org.collabledger.projections.money.MoneyQueries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A whole half-year through real HTTP: revenue and costs, a proposal split as in worked example A,
 * a comment and a revision, finalization after the review window, a payout run with deferrals, a
 * failed payment, a reversal, statements for everyone, and the money checks; plus every money
 * refusal.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.demo.enabled=false", "ledger.storage.treasury-snapshot-every=3"})
class HalfYearHttpTest extends H2Ledger {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now());
        }
    }

    @Autowired MutableClock clock;

    @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Autowired MoneyQueries moneyQueries;

    /** Example A of attribution.md as a published PROFIT_SHARE release with pool rate 1/2. */
    Map<String, String> exampleA(String tag) {
        Map<String, String> ids = new HashMap<>();
        for (String name : List.of("ana", "ben", "cai", "dee", "eve")) {
            ids.put(name, scenario.artist(name + "-" + tag));
        }
        String draw = scenario.upload(ids.get("dee"), "draw " + tag);
        String narr = scenario.upload(ids.get("cai"), "narr " + tag);
        String anim = scenario.remix(ids.get("ben"), "anim " + tag, draw, 1);
        String film = scenario.remix(ids.get("ana"), "film " + tag, anim, 1, narr, 1);
        String song = scenario.upload(ids.get("eve"), "song " + tag);
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
                                "poolRate",
                                "1/2",
                                "retention",
                                "1/2")));
        scenario.select(ids.get("release"), film, 3, "animation");
        scenario.select(ids.get("release"), song, 1, "music");
        scenario.publish(ids.get("release"));
        return ids;
    }

    @Test
    void aWholeHalfYearToTheLastCent() {
        Map<String, String> a = exampleA("h");
        String release = a.get("release");
        created(
                finance.post(
                        "/api/releases/" + release + "/revenue", entry(80_000, "sales-2026-07")));
        String wrong =
                created(
                        finance.post(
                                "/api/releases/" + release + "/revenue", entry(999_999, "typo")));
        created(
                finance.post(
                        "/api/releases/" + release + "/revenue", entry(40_000, "sales-2026-08")));
        created(finance.post("/api/releases/" + release + "/costs", entry(20_000, "mastering")));
        ok(
                finance.post(
                        "/api/releases/" + release + "/entries/" + wrong + "/reverse",
                        Map.of("reason", "typo")));

        // net 100,000; pool floor(100,000 · 1/2) = 50,000, split as in example A.
        String allocation =
                created(
                        curator.post(
                                "/api/releases/" + release + "/allocations",
                                Map.of("currency", "USD")));
        JsonNode proposed = ok(auditor.get("/api/allocations/" + allocation));
        assertThat(proposed.path("pool").asLong()).isEqualTo(50_000);
        assertThat(amounts(proposed))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(
                                a.get("ana"),
                                18_750L,
                                a.get("cai"),
                                9_375L,
                                a.get("eve"),
                                12_500L,
                                first(a.get("ben"), a.get("dee")),
                                4_688L,
                                second(a.get("ben"), a.get("dee")),
                                4_687L));

        ok(
                artist.post(
                        "/api/allocations/" + allocation + "/comments",
                        Map.of(
                                "artistId",
                                a.get("dee"),
                                "claim",
                                "TOO_LOW",
                                "text",
                                "the drawing is the whole look of the film")));
        ok(
                curator.post(
                        "/api/allocations/" + allocation + "/revise",
                        Map.of("reason", "checked: split stands")));
        refused(
                409,
                "review-window-open",
                () -> finance.post("/api/allocations/" + allocation + "/finalize", Map.of()));
        clock.advance(Duration.ofDays(15));
        ok(finance.post("/api/allocations/" + allocation + "/finalize", Map.of()));
        refused(
                409,
                "allocation-finalized",
                () -> finance.post("/api/allocations/" + allocation + "/finalize", Map.of()));
        JsonNode finalized = ok(auditor.get("/api/allocations/" + allocation));
        assertThat(finalized.path("status").asText()).isEqualTo("FINALIZED");
        assertThat(finalized.path("revision").asInt()).isEqualTo(1);
        assertThat(finalized.path("comments")).hasSize(1);

        // Threshold 5,000: ben and dee (4,688 / 4,687) are deferred, the others paid in full.
        String run =
                created(
                        finance.post(
                                "/api/payout-runs", Map.of("currency", "USD", "threshold", 5_000)));
        caughtUp();
        JsonNode payments = ok(auditor.get("/api/payout-runs/" + run)).path("payments");
        Map<String, String> paymentOf = new HashMap<>();
        payments.forEach(
                p -> paymentOf.put(p.path("artistId").asText(), p.path("paymentId").asText()));
        assertThat(paymentOf.keySet())
                .containsExactlyInAnyOrder(a.get("ana"), a.get("cai"), a.get("eve"));

        ok(
                finance.post(
                        "/api/payments/" + paymentOf.get(a.get("ana")) + "/settle",
                        Map.of("externalRef", "bank-1")));
        ok(
                finance.post(
                        "/api/payments/" + paymentOf.get(a.get("cai")) + "/fail",
                        Map.of("reason", "closed account")));
        ok(finance.post("/api/payments/" + paymentOf.get(a.get("eve")) + "/settle", Map.of()));
        ok(
                finance.post(
                        "/api/payments/" + paymentOf.get(a.get("eve")) + "/reverse",
                        Map.of("reason", "chargeback")));
        refused(
                409,
                "payment-state",
                () ->
                        finance.post(
                                "/api/payments/" + paymentOf.get(a.get("cai")) + "/settle",
                                Map.of()));
        caughtUp();

        assertThat(balance(a.get("ana"))).isZero();
        assertThat(balance(a.get("cai"))).isEqualTo(9_375);
        assertThat(balance(a.get("eve"))).isEqualTo(12_500);
        assertThat(balance(first(a.get("ben"), a.get("dee")))).isEqualTo(4_688);

        for (String name : List.of("ana", "ben", "cai", "dee", "eve")) {
            String id = a.get(name);
            JsonNode h1 =
                    ok(
                            auditor.get(
                                    "/api/artists/"
                                            + id
                                            + "/statements?currency=USD&from=2026-01-01&to=2026-07-01"));
            JsonNode h2 =
                    ok(
                            auditor.get(
                                    "/api/artists/"
                                            + id
                                            + "/statements?currency=USD&from=2026-07-01&to=2027-01-01"));
            JsonNode next =
                    ok(
                            auditor.get(
                                    "/api/artists/"
                                            + id
                                            + "/statements?currency=USD&from=2027-01-01&to=2027-07-01"));
            assertThat(h2.path("openingBalance").asLong())
                    .isEqualTo(h1.path("closingBalance").asLong());
            assertThat(next.path("openingBalance").asLong())
                    .isEqualTo(h2.path("closingBalance").asLong());
            assertThat(h2.path("closingBalance").asLong()).isEqualTo(balance(id));
            long sum = h2.path("openingBalance").asLong();
            for (JsonNode line : h2.path("lines")) {
                sum += line.path("amount").asLong();
                assertThat(line.path("eventId").asText()).isNotBlank();
                assertThat(line.path("proof").asText())
                        .isEqualTo("/api/ledger/proof?eventId=" + line.path("eventId").asText());
            }
            assertThat(sum).isEqualTo(h2.path("closingBalance").asLong());
            String csv =
                    auditor.get(
                                    "/api/artists/"
                                            + id
                                            + "/statements.csv?currency=USD&from=2026-07-01&to=2027-01-01")
                            .raw()
                            .body();
            assertThat(csv)
                    .startsWith("date,kind")
                    .contains("OPENING")
                    .contains("CLOSING")
                    .contains("ALLOCATION");
        }
        JsonNode dee =
                ok(
                        auditor.get(
                                "/api/artists/"
                                        + a.get("dee")
                                        + "/statements?currency=USD&from=2026-07-01&to=2027-01-01"));
        assertThat(dee.path("lines"))
                .extracting(l -> l.path("kind").asText())
                .containsExactly("ALLOCATION", "DEFERRAL");

        // An artist checks that a line of their statement is in the ledger, holding only a digest.
        org.collabledger.domain.evidence.Digest digest =
                org.collabledger.domain.evidence.Digest.parse(sealedDigestFile());
        JsonNode proof = ok(artist.get(dee.path("lines").get(0).path("proof").asText()));
        assertThat(proof.path("entryMatchesLeaf").asBoolean()).isTrue();
        assertThat(
                        org.collabledger.api.evidence.ProofJson.inclusion(
                                        proof,
                                        org.collabledger.api.evidence.ProofJson.entry(proof)
                                                .leafHash())
                                .verifies(digest))
                .isTrue();

        // The treasury was snapshotted (every 3 events here) and later commands loaded it from the
        // snapshot.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jdbc.queryForObject(
                                "select count(*) from snapshot_event_entry where aggregate_identifier = ?",
                                Long.class,
                                "treasury-USD")
                        == 0
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(
                        jdbc.queryForObject(
                                "select count(*) from snapshot_event_entry where aggregate_identifier = ?",
                                Long.class,
                                "treasury-USD"))
                .isPositive();

        JsonNode checks = ok(auditor.get("/api/ledger/checks"));
        assertThat(checks.path("ok").asBoolean()).as(checks.toString()).isTrue();
        JsonNode usd = checks.path("currencies").get(0);
        assertThat(usd.path("finalizedPools").asLong()).isEqualTo(50_000);
        assertThat(usd.path("balances").asLong()).isEqualTo(4_688 + 4_687 + 9_375 + 12_500);

        // A read model that lost a cent no longer satisfies the invariant against the event store.
        jdbc.update(
                "update money_line set amount = amount - 1 where artist_id = ? and kind = 'ALLOCATION'",
                a.get("eve"));
        assertThat(ok(auditor.get("/api/ledger/checks")).path("ok").asBoolean()).isFalse();
        jdbc.update(
                "update money_line set amount = amount + 1 where artist_id = ? and kind = 'ALLOCATION'",
                a.get("eve"));
        assertThat(ok(auditor.get("/api/ledger/checks")).path("ok").asBoolean()).isTrue();

        // All statements at once (the bulk path) equal the statements asked one artist at a time.
        long position = projections.position(MoneyProjection.PROCESSING_GROUP);
        Instant from = Instant.parse("2026-07-01T00:00:00Z");
        Instant to = Instant.parse("2027-01-01T00:00:00Z");
        List<MoneyQueries.Statement> bulk = new java.util.ArrayList<>();
        moneyQueries.allStatements("USD", from, to, position, bulk::add);
        assertThat(bulk).hasSize(5);
        bulk.forEach(
                statement ->
                        assertThat(statement)
                                .isEqualTo(
                                        moneyQueries.statement(
                                                statement.artistId(), "USD", from, to, position)));

        // Nothing left to allocate: a second proposal would have a pool of 0.
        refused(
                409,
                "zero-pool",
                () ->
                        curator.post(
                                "/api/releases/" + release + "/allocations",
                                Map.of("currency", "USD")));

        // The money read model dropped and rebuilt from the events answers identically, at every
        // position.
        List<String> before = moneyAnswers(a);
        projections.rebuild(MoneyProjection.PROCESSING_GROUP);
        caughtUp();
        assertThat(moneyAnswers(a)).isEqualTo(before);
    }

    private List<String> moneyAnswers(Map<String, String> a) {
        List<String> answers = new java.util.ArrayList<>();
        for (long asOf = 1; asOf <= feed.count(); asOf += 3) {
            answers.add(auditor.get("/api/ledger/checks?asOf=" + asOf).raw().body());
            for (String name : List.of("ana", "ben", "cai", "dee", "eve")) {
                answers.add(
                        auditor.get("/api/artists/" + a.get(name) + "/balance?asOf=" + asOf)
                                .raw()
                                .body());
                answers.add(
                        auditor.get(
                                        "/api/artists/"
                                                + a.get(name)
                                                + "/statements.csv?currency=USD&from=2026-07-01&to=2027-01-01&asOf="
                                                + asOf)
                                .raw()
                                .body());
            }
        }
        return answers;
    }

    @Test
    void moneyRefusalsStoreNothing() {
        Map<String, String> a = exampleA("r");
        String release = a.get("release");
        String unpublished =
                scenario.release(
                        Map.of("title", "Draft", "kind", "BOOK", "fundingModel", "PROFIT_SHARE"));
        refused(
                409,
                "release-not-published",
                () -> finance.post("/api/releases/" + unpublished + "/revenue", entry(100, "s")));
        refused(
                422,
                "unknown-currency",
                () ->
                        finance.post(
                                "/api/releases/" + release + "/revenue",
                                Map.of(
                                        "amount",
                                        100,
                                        "currency",
                                        "ZZZ",
                                        "period",
                                        "2026-H2",
                                        "sourceRef",
                                        "s")));
        refused(
                422,
                "invalid-money",
                () -> finance.post("/api/releases/" + release + "/revenue", entry(-5, "s")));
        refused(
                422,
                "invalid-money",
                () -> finance.post("/api/releases/" + release + "/revenue", entry(0, "s")));
        refused(
                400,
                "wrong-type",
                () ->
                        finance.post(
                                "/api/releases/" + release + "/revenue",
                                Map.of(
                                        "amount",
                                        10.5,
                                        "currency",
                                        "USD",
                                        "period",
                                        "2026-H2",
                                        "sourceRef",
                                        "s")));
        refused(
                422,
                "invalid-input",
                () ->
                        finance.post(
                                "/api/releases/" + release + "/revenue",
                                Map.of(
                                        "amount",
                                        10,
                                        "currency",
                                        "USD",
                                        "period",
                                        "last summer",
                                        "sourceRef",
                                        "s")));
        refused(
                409,
                "zero-pool",
                () ->
                        curator.post(
                                "/api/releases/" + release + "/allocations",
                                Map.of("currency", "USD")));
        created(finance.post("/api/releases/" + release + "/revenue", entry(10_000, "sales-1")));
        refused(
                409,
                "duplicate-source",
                () ->
                        finance.post(
                                "/api/releases/" + release + "/revenue", entry(10_000, "sales-1")));
        refused(
                422,
                "unknown-entry",
                () ->
                        finance.post(
                                "/api/releases/"
                                        + release
                                        + "/entries/"
                                        + UUID.randomUUID()
                                        + "/reverse",
                                Map.of("reason", "x")));
        refused(
                422,
                "unknown-artist",
                () ->
                        finance.post(
                                "/api/artists/" + UUID.randomUUID() + "/adjustments",
                                Map.of(
                                        "currency",
                                        "USD",
                                        "amount",
                                        100,
                                        "reason",
                                        "bonus",
                                        "correctedEventId",
                                        "e-1")));
        refused(
                404,
                "not-found",
                () -> finance.post("/api/payments/" + UUID.randomUUID() + "/settle", Map.of()));
        refused(403, "forbidden", () -> artist.post("/api/payout-runs", Map.of("currency", "USD")));
        refused(
                403,
                "forbidden",
                () -> curator.post("/api/releases/" + release + "/revenue", entry(1, "x")));
        String allocation =
                created(
                        curator.post(
                                "/api/releases/" + release + "/allocations",
                                Map.of("currency", "USD")));
        refused(
                409,
                "review-window-open",
                () -> finance.post("/api/allocations/" + allocation + "/finalize", Map.of()));
        refused(
                422,
                "invalid-input",
                () ->
                        artist.post(
                                "/api/allocations/" + allocation + "/comments",
                                Map.of("artistId", a.get("ana"), "claim", "TOO_LOW", "text", " ")));
    }

    private Map<String, Object> entry(long amount, String sourceRef) {
        return Map.of(
                "amount", amount, "currency", "USD", "period", "2026-H2", "sourceRef", sourceRef);
    }

    private long balance(String artistId) {
        caughtUp();
        JsonNode balances =
                ok(auditor.get("/api/artists/" + artistId + "/balance")).path("balances");
        for (JsonNode balance : balances) {
            if (balance.path("currency").asText().equals("USD")) {
                return balance.path("amount").asLong();
            }
        }
        return 0;
    }

    private static Map<String, Long> amounts(JsonNode allocation) {
        Map<String, Long> amounts = new HashMap<>();
        allocation
                .path("lines")
                .forEach(l -> amounts.put(l.path("artistId").asText(), l.path("amount").asLong()));
        return amounts;
    }

    private void refused(int status, String code, Supplier<LedgerHttp.Response> request) {
        long before = feed.count();
        LedgerHttp.Response response = request.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.json().path("code").asText()).isEqualTo(code);
        assertThat(feed.count()).as("events stored by a refused request").isEqualTo(before);
    }

    private static String created(LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    private static JsonNode ok(LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static String first(String x, String y) {
        return x.compareTo(y) < 0 ? x : y;
    }

    private static String second(String x, String y) {
        return x.compareTo(y) < 0 ? y : x;
    }
}
