package org.collabledger.api.statements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.collabledger.api.history.EventFeed.StoredEvent;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.domain.shared.Fraction;
import org.junit.jupiter.api.Test;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;

/**
 * Statements that royalty staff can read, checked cell by cell: a release whose title starts with
 * {@code =} pays three artists in JPY (no decimals) and in BHD (three decimals); one artist is paid
 * and two are deferred, one gets a negative adjustment, one is forgotten. Every column of every CSV
 * row, read back with Commons CSV, must equal the JSON statement and what the inputs and the stored
 * events say it should be, worked out here by the rules of attribution.md.
 */
class ReadableStatementsTest extends H2Ledger {

    private static final String TITLE = "=SUM(1,2) live, \"unplugged\"";
    private static final Fraction RETENTION = Fraction.ONE_HALF;
    private static final Fraction POOL_RATE = Fraction.ONE_HALF;
    private static final int REMIX_WEIGHT = 1;
    private static final int POEM_WEIGHT = 2;
    private static final Map<String, Long> REVENUE = Map.of("JPY", 100_000L, "BHD", 12_345L);
    private static final long JPY_THRESHOLD = 10_000;
    private static final long BHD_ADJUSTMENT = -1_000;

    /** Digits of the minor unit per ISO 4217, the facts the major amounts are checked against. */
    private static final Map<String, Integer> ISO_DIGITS = Map.of("JPY", 0, "BHD", 3);

    /** The documented columns, restated here so that changing them fails this test. */
    private static final List<String> COLUMNS =
            List.of(
                    "date",
                    "kind",
                    "artist_id",
                    "artist_handle",
                    "artist_name",
                    "currency",
                    "amount_minor",
                    "amount_major",
                    "balance_minor",
                    "balance_major",
                    "release_id",
                    "release_title",
                    "allocation_id",
                    "payment_id",
                    "share",
                    "share_percent",
                    "pool_minor",
                    "pool_major",
                    "event_id",
                    "position",
                    "proof");

    /** One line as the inputs say it must be. */
    record Expected(String kind, long amount, Fraction share, String percent, Long pool) {}

    @Test
    void everyCellOfTheCsvIsTheJsonStatementAndTheFactsBehindIt() throws IOException {
        Map<String, String> handles = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        handles.put("ana", "ana-rs");
        names.put("ana", "@Ana Núñez, \"Nana\"");
        handles.put("ben", "ben-rs");
        names.put("ben", "Ben");
        handles.put("cai", "cai-rs");
        names.put("cai", "Cai Ōta");
        Map<String, String> ids = new HashMap<>();
        handles.forEach(
                (who, handle) ->
                        ids.put(
                                who,
                                created(
                                        artist.post(
                                                "/api/artists",
                                                Map.of(
                                                        "handle",
                                                        handle,
                                                        "displayName",
                                                        names.get(who))))));
        String song = scenario.upload(ids.get("ana"), "song rs");
        String remix = scenario.remix(ids.get("ben"), "remix rs", song, 1);
        String poem = scenario.upload(ids.get("cai"), "poem rs");
        String release =
                scenario.release(
                        Map.of(
                                "title",
                                TITLE,
                                "kind",
                                "ALBUM",
                                "fundingModel",
                                "PROFIT_SHARE",
                                "poolRate",
                                POOL_RATE.toString(),
                                "retention",
                                RETENTION.toString()));
        scenario.select(release, remix, REMIX_WEIGHT, "music");
        scenario.select(release, poem, POEM_WEIGHT, "writing");
        scenario.publish(release);

        // attribution.md §1: the remix keeps ρ of its mass for ben and hands the rest to ana's
        // song.
        Fraction remixMass = Fraction.of(REMIX_WEIGHT, REMIX_WEIGHT + POEM_WEIGHT);
        Map<String, Fraction> shares =
                Map.of(
                        ids.get("ana"), Fraction.ONE.minus(RETENTION).times(remixMass),
                        ids.get("ben"), RETENTION.times(remixMass),
                        ids.get("cai"), Fraction.of(POEM_WEIGHT, REMIX_WEIGHT + POEM_WEIGHT));
        Map<String, String> percents = new HashMap<>();
        largestRemainder(1_000_000, shares)
                .forEach(
                        (artist, units) ->
                                percents.put(artist, BigDecimal.valueOf(units, 4).toPlainString()));

        Map<String, Map<String, List<Expected>>> expected = new HashMap<>();
        Map<String, String> allocations = new HashMap<>();
        for (String currency : List.of("JPY", "BHD")) {
            created(
                    finance.post(
                            "/api/releases/" + release + "/revenue",
                            Map.of(
                                    "amount",
                                    REVENUE.get(currency),
                                    "currency",
                                    currency,
                                    "period",
                                    "2026-H2",
                                    "sourceRef",
                                    "sales-" + currency)));
            String allocation =
                    created(
                            curator.post(
                                    "/api/releases/" + release + "/allocations",
                                    Map.of("currency", currency, "reviewDays", 0)));
            ok(finance.post("/api/allocations/" + allocation + "/finalize", Map.of()));
            allocations.put(currency, allocation);
            // attribution.md §4: pool = floor(net · p); §3: split by the largest remainder.
            long pool = floor(POOL_RATE.times(REVENUE.get(currency)));
            largestRemainder(pool, shares)
                    .forEach(
                            (artist, amount) ->
                                    expected.computeIfAbsent(artist, a -> new HashMap<>())
                                            .computeIfAbsent(currency, c -> new ArrayList<>())
                                            .add(
                                                    new Expected(
                                                            "ALLOCATION",
                                                            amount,
                                                            shares.get(artist),
                                                            percents.get(artist),
                                                            pool)));
        }
        created(
                finance.post(
                        "/api/payout-runs", Map.of("currency", "JPY", "threshold", JPY_THRESHOLD)));
        // attribution.md §6: a balance at or above the threshold is paid whole, a smaller one
        // deferred.
        for (String artistId : shares.keySet()) {
            long balance = expected.get(artistId).get("JPY").get(0).amount();
            expected.get(artistId)
                    .get("JPY")
                    .add(
                            balance >= JPY_THRESHOLD
                                    ? new Expected("PAYMENT", -balance, null, null, null)
                                    : new Expected("DEFERRAL", 0, null, null, null));
        }
        created(
                finance.post(
                        "/api/artists/" + ids.get("ana") + "/adjustments",
                        Map.of(
                                "currency",
                                "BHD",
                                "amount",
                                BHD_ADJUSTMENT,
                                "reason",
                                "overpaid",
                                "correctedEventId",
                                finalized(allocations.get("BHD")))));
        expected.get(ids.get("ana"))
                .get("BHD")
                .add(new Expected("ADJUSTMENT", BHD_ADJUSTMENT, null, null, null));
        ok(
                artist.post(
                        "/api/artists/" + ids.get("ben") + "/forget",
                        Map.of("reason", "asked to be forgotten")));
        caughtUp();

        for (String who : handles.keySet()) {
            String artistId = ids.get(who);
            boolean forgotten = who.equals("ben");
            for (String currency : List.of("JPY", "BHD")) {
                String path = "/api/artists/" + artistId + "/statements";
                JsonNode json = ok(auditor.get(path + "?currency=" + currency));
                LedgerHttp.Response download = auditor.get(path + ".csv?currency=" + currency);
                assertThat(download.status()).as(download.toString()).isEqualTo(200);
                assertThat(MediaType.parseMediaType(download.contentType()))
                        .isEqualTo(MediaType.parseMediaType("text/csv; charset=utf-8"));
                LocalDate from = day(json.path("from").asText());
                LocalDate lastDay = day(json.path("to").asText()).minusDays(1);
                assertThat(
                                ContentDisposition.parse(download.header("Content-Disposition"))
                                        .getFilename())
                        .isEqualTo(
                                "statement-"
                                        + (forgotten ? artistId : handles.get(who))
                                        + "-"
                                        + currency
                                        + "-"
                                        + from
                                        + "-"
                                        + lastDay
                                        + ".csv");

                // The JSON statement: whose, in what, and the amounts the inputs give.
                assertThat(json.path("artistId").asText()).isEqualTo(artistId);
                assertThat(json.path("artistErased").asBoolean()).isEqualTo(forgotten);
                assertThat(json.path("artistHandle").textValue())
                        .isEqualTo(forgotten ? null : handles.get(who));
                assertThat(json.path("artistDisplayName").textValue())
                        .isEqualTo(forgotten ? null : names.get(who));
                assertThat(json.path("currency").asText()).isEqualTo(currency);
                int digits = ISO_DIGITS.get(currency);
                assertThat(json.path("minorUnitDigits").asInt()).isEqualTo(digits);
                List<Expected> lines = expected.get(artistId).get(currency);
                assertThat(json.path("lines")).hasSize(lines.size());
                assertThat(json.path("openingBalance").asLong()).isZero();
                assertMajor(json.path("openingBalanceMajor").asText(), 0, digits);
                long balance = 0;
                for (int i = 0; i < lines.size(); i++) {
                    JsonNode line = json.path("lines").get(i);
                    Expected want = lines.get(i);
                    balance += want.amount();
                    assertThat(line.path("kind").asText()).isEqualTo(want.kind());
                    assertThat(line.path("currency").asText()).isEqualTo(currency);
                    assertThat(line.path("amount").asLong()).isEqualTo(want.amount());
                    assertMajor(line.path("amountMajor").asText(), want.amount(), digits);
                    assertThat(line.path("balanceAfter").asLong()).isEqualTo(balance);
                    assertMajor(line.path("balanceAfterMajor").asText(), balance, digits);
                    boolean allocated = want.kind().equals("ALLOCATION");
                    assertThat(line.path("releaseId").textValue())
                            .isEqualTo(allocated ? release : null);
                    assertThat(line.path("releaseTitle").textValue())
                            .isEqualTo(allocated ? TITLE : null);
                    assertThat(line.path("allocationId").textValue())
                            .isEqualTo(allocated ? allocations.get(currency) : null);
                    assertThat(line.path("share").textValue())
                            .isEqualTo(allocated ? want.share().toString() : null);
                    assertThat(line.path("sharePercent").textValue()).isEqualTo(want.percent());
                    assertThat(line.hasNonNull("pool") ? line.path("pool").asLong() : null)
                            .isEqualTo(want.pool());
                    if (allocated) {
                        assertMajor(line.path("poolMajor").asText(), want.pool(), digits);
                    }
                    assertThat(line.path("proof").asText())
                            .isEqualTo(
                                    "/api/ledger/proof?eventId=" + line.path("eventId").asText());
                    assertTheEventSays(line, artistId, currency);
                }
                assertThat(json.path("closingBalance").asLong()).isEqualTo(balance);
                assertMajor(json.path("closingBalanceMajor").asText(), balance, digits);

                // The CSV, read back by a real parser: the JSON statement, cell by cell.
                try (CSVParser csv =
                        CSVParser.parse(
                                new StringReader(download.raw().body()),
                                CSVFormat.RFC4180
                                        .builder()
                                        .setHeader()
                                        .setSkipHeaderRecord(true)
                                        .get())) {
                    assertThat(csv.getHeaderNames()).isEqualTo(COLUMNS);
                    List<CSVRecord> rows = csv.getRecords();
                    assertThat(rows).hasSize(lines.size() + 2);
                    for (int r = 0; r < rows.size(); r++) {
                        CSVRecord row = rows.get(r);
                        assertThat(row.isConsistent()).isTrue();
                        assertThat(row.get("artist_id")).isEqualTo(artistId);
                        assertThat(row.get("artist_handle"))
                                .isEqualTo(forgotten ? "(erased)" : handles.get(who));
                        assertThat(row.get("artist_name"))
                                .isEqualTo(
                                        forgotten ? "(erased)" : spreadsheetSafe(names.get(who)));
                        assertThat(row.get("currency")).isEqualTo(currency);
                        if (r == 0 || r == rows.size() - 1) {
                            boolean opening = r == 0;
                            assertThat(row.get("kind")).isEqualTo(opening ? "OPENING" : "CLOSING");
                            assertThat(row.get("date"))
                                    .isEqualTo((opening ? from : lastDay).toString());
                            String balanceField = opening ? "openingBalance" : "closingBalance";
                            assertThat(row.get("balance_minor"))
                                    .isEqualTo(json.path(balanceField).asText());
                            assertThat(row.get("balance_major"))
                                    .isEqualTo(json.path(balanceField + "Major").asText());
                            for (String empty :
                                    COLUMNS.subList(
                                            COLUMNS.indexOf("release_id"), COLUMNS.size())) {
                                assertThat(row.get(empty)).as(empty).isEmpty();
                            }
                            assertThat(row.get("amount_minor")).isEmpty();
                            assertThat(row.get("amount_major")).isEmpty();
                        } else {
                            JsonNode line = json.path("lines").get(r - 1);
                            assertThat(row.get("date"))
                                    .isEqualTo(day(line.path("date").asText()).toString());
                            for (String[] same :
                                    new String[][] {
                                        {"kind", "kind"},
                                        {"amount_minor", "amount"},
                                        {"amount_major", "amountMajor"},
                                        {"balance_minor", "balanceAfter"},
                                        {"balance_major", "balanceAfterMajor"},
                                        {"release_id", "releaseId"},
                                        {"allocation_id", "allocationId"},
                                        {"payment_id", "paymentId"},
                                        {"share_percent", "sharePercent"},
                                        {"pool_minor", "pool"},
                                        {"pool_major", "poolMajor"},
                                        {"event_id", "eventId"},
                                        {"position", "position"},
                                        {"proof", "proof"}
                                    }) {
                                JsonNode value = line.path(same[1]);
                                assertThat(row.get(same[0]))
                                        .as(same[0])
                                        .isEqualTo(value.isNull() ? "" : value.asText());
                            }
                            assertThat(row.get("release_title"))
                                    .isEqualTo(
                                            spreadsheetSafe(line.path("releaseTitle").textValue()));
                            // The fraction is text with spaces; without them it is the exact share.
                            assertThat(row.get("share"))
                                    .isEqualTo(
                                            line.path("share").isNull()
                                                    ? ""
                                                    : line.path("share")
                                                            .asText()
                                                            .replace("/", " / "));
                        }
                    }
                }
            }
        }
        // Money visibility: another artist's principal reads neither form of these statements.
        LedgerHttp stranger = artist.as("artist2");
        for (String form : List.of("", ".csv")) {
            LedgerHttp.Response refused =
                    stranger.get(
                            "/api/artists/"
                                    + ids.get("ana")
                                    + "/statements"
                                    + form
                                    + "?currency=JPY");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().path("code").asText()).isEqualTo("not-your-artist");
        }
    }

    @Test
    void aBadStatementRequestIsAProblemInBothForms() {
        String ana = scenario.artist("ana-refused");
        Map<String, String[]> refusals =
                Map.of(
                        "currency=ZZZ", new String[] {"unknown-currency", "currency"},
                        "currency=JPY&from=July", new String[] {"invalid-input", "from"},
                        "currency=JPY&from=2026-07-01&to=2026-07-01",
                                new String[] {"invalid-input", "to"},
                        "currency=JPY&asOf=-1", new String[] {"invalid-input", "asOf"});
        for (String form : List.of("", ".csv")) {
            refusals.forEach(
                    (query, problem) -> {
                        LedgerHttp.Response refused =
                                auditor.get(
                                        "/api/artists/" + ana + "/statements" + form + "?" + query);
                        assertThat(refused.status()).as(form + " " + query).isEqualTo(422);
                        assertThat(refused.contentType()).startsWith("application/problem+json");
                        assertThat(refused.json().path("type").asText())
                                .isEqualTo("urn:collabledger:problem:" + problem[0]);
                        assertThat(refused.json().path("code").asText()).isEqualTo(problem[0]);
                        assertThat(refused.json().path("field").asText()).isEqualTo(problem[1]);
                    });
        }
    }

    /** The stored event behind a line says the same: its position, kind, amount and share. */
    private void assertTheEventSays(JsonNode line, String artistId, String currency) {
        String type =
                Map.of(
                                "ALLOCATION", "treasury.allocation-credited",
                                "PAYMENT", "treasury.payment-issued",
                                "DEFERRAL", "treasury.payout-deferred",
                                "ADJUSTMENT", "treasury.adjustment-recorded")
                        .get(line.path("kind").asText());
        StoredEvent event =
                feed.ofType(type, Long.MAX_VALUE).stream()
                        .filter(e -> e.eventId().equals(line.path("eventId").asText()))
                        .findFirst()
                        .orElseThrow();
        JsonNode fact = event.payload();
        assertThat(line.path("position").asLong()).isEqualTo(event.position());
        assertThat(fact.path("currency").asText()).isEqualTo(currency);
        switch (type) {
            case "treasury.allocation-credited" -> {
                JsonNode own = null;
                for (JsonNode credited : fact.path("lines")) {
                    if (credited.path("artistId").asText().equals(artistId)) {
                        own = credited;
                    }
                }
                assertThat(own).isNotNull();
                assertThat(line.path("amount").asLong()).isEqualTo(own.path("amount").asLong());
                JsonNode share = own.path("share");
                assertThat(line.path("share").asText())
                        .isEqualTo(
                                new Fraction(
                                                new BigInteger(share.path("numerator").asText()),
                                                new BigInteger(share.path("denominator").asText()))
                                        .toString());
                assertThat(line.path("pool").asLong()).isEqualTo(fact.path("pool").asLong());
                assertThat(line.path("allocationId").asText())
                        .isEqualTo(fact.path("allocationId").asText());
            }
            case "treasury.payment-issued" -> {
                assertThat(fact.path("artistId").asText()).isEqualTo(artistId);
                assertThat(line.path("amount").asLong()).isEqualTo(-fact.path("amount").asLong());
                assertThat(line.path("paymentId").asText())
                        .isEqualTo(fact.path("paymentId").asText());
            }
            default -> {
                assertThat(fact.path("artistId").asText()).isEqualTo(artistId);
                assertThat(line.path("amount").asLong()).isEqualTo(fact.path("amount").asLong(0));
            }
        }
    }

    /**
     * A major amount is exactly the minor one with the point moved left by the currency's digits,
     * written with exactly that many decimals.
     */
    private static void assertMajor(String major, long minor, int digits) {
        BigDecimal parsed = new BigDecimal(major);
        assertThat(parsed.scale()).as(major).isEqualTo(digits);
        assertThat(parsed.unscaledValue()).as(major).isEqualTo(BigInteger.valueOf(minor));
        assertThat(major).doesNotContain("E").doesNotContain(",");
    }

    /**
     * What a cell of people's text must read: empty for none, an apostrophe before what looks like
     * a formula.
     */
    private static String spreadsheetSafe(String text) {
        if (text == null) {
            return "";
        }
        return "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /** attribution.md §3, worked out again here rather than taken from the ledger. */
    private static Map<String, Long> largestRemainder(long total, Map<String, Fraction> shares) {
        Map<String, Long> parts = new TreeMap<>();
        Map<String, Fraction> rests = new HashMap<>();
        shares.forEach(
                (artist, share) -> {
                    long whole = floor(share.times(total));
                    parts.put(artist, whole);
                    rests.put(artist, share.times(total).minus(Fraction.of(whole, 1)));
                });
        List<String> order = new ArrayList<>(parts.keySet());
        order.sort(
                (a, b) -> {
                    int byRest = rests.get(b).compareTo(rests.get(a));
                    return byRest != 0 ? byRest : a.compareTo(b);
                });
        long left = total - parts.values().stream().mapToLong(Long::longValue).sum();
        for (int i = 0; i < left; i++) {
            parts.merge(order.get(i), 1L, Long::sum);
        }
        return parts;
    }

    private static long floor(Fraction value) {
        return value.numerator().divide(value.denominator()).longValueExact();
    }

    private static LocalDate day(String instant) {
        return LocalDate.ofInstant(Instant.parse(instant), ZoneOffset.UTC);
    }

    /**
     * The event that finalized an allocation: one that moved balances, so an adjustment may name
     * it.
     */
    private String finalized(String allocation) {
        JsonNode events = ok(auditor.get("/api/allocations/" + allocation)).path("eventIds");
        return events.get(events.size() - 1).asText();
    }

    private static String created(LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    private static JsonNode ok(LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }
}
