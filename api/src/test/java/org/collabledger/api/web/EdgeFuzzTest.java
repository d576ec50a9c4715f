package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.junit.jupiter.api.Test;

/**
 * Generated requests against every write endpoint, as a role allowed to make them, with fields swapped
 * for hostile values, dropped, or joined by unknown ones, hostile ids in the path, and bodies that are not
 * JSON at all: never a 5xx, every refusal is problem+json, and the event count moves only on a 2xx.
 */
class EdgeFuzzTest extends H2Ledger {

    private static final Object[] HOSTILE = {"", " ", "\u0000", "a\u0007b", "\u202egnp.exe", "🎵".repeat(200),
            "x".repeat(5_000), "'; drop table domain_event_entry; --", "<script>alert(1)</script>", "../../etc/passwd",
            "%00", "null", "NaN", -1, 0, 1.5, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE,
            "9".repeat(40), true, List.of(), Map.of(), List.of(Map.of("recordId", "x")), UUID.randomUUID().toString(),
            "00000000-0000-0000-0000-000000000000", "USD", "usd", "XXX", "2026-13-45", "1e309"};

    /** One write endpoint: who may call it, and a well-formed body to start from. */
    record Endpoint(String role, String method, String path, Map<String, Object> body) {
    }

    @Test
    void generatedHostileRequestsNeverFailServerSideNorWritePartially() {
        Random random = new Random(20261123);
        String own = scenario.artist("fuzz" + UUID.randomUUID().toString().substring(0, 6));
        String record = scenario.upload(own, "fuzzed");
        String release = scenario.release(Map.of("title", "Fuzz", "kind", "ALBUM", "fundingModel", "BUDGET",
                "budget", Map.of("amount", 1000, "currency", "USD")));
        List<Endpoint> endpoints = endpoints(own, record, release);

        int twoHundreds = 0;
        for (int i = 0; i < 500; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            String path = random.nextInt(6) == 0 ? hostilePath(endpoint.path(), random) : endpoint.path();
            LedgerHttp client = artist.as(endpoint.role());
            long before = feed.count();
            LedgerHttp.Response response;
            if (random.nextInt(8) == 0) {
                response = client.postRaw(path, String.valueOf(HOSTILE[random.nextInt(HOSTILE.length)]),
                        "application/json");
            } else {
                Object body = mutate(endpoint.body(), random);
                response = "PUT".equals(endpoint.method()) ? client.put(path, body) : client.post(path, body);
            }
            String attempt = endpoint.method() + " " + path + " -> " + response;
            assertThat(response.status()).as(attempt).isLessThan(500);
            if (response.status() >= 300) {
                assertThat(response.contentType()).as(attempt).startsWith("application/problem+json");
                assertThat(response.raw().body()).as(attempt).doesNotContain("Exception").doesNotContain("\tat ");
                assertThat(feed.count()).as("nothing stored by " + attempt).isEqualTo(before);
            } else {
                twoHundreds++;
            }
        }
        assertThat(twoHundreds).as("some generated requests are valid, so the fuzzing reaches the handlers")
                .isPositive();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndStoresNothing() {
        long before = feed.count();
        String own = scenario.artist("big" + UUID.randomUUID().toString().substring(0, 6));
        long registered = feed.count();
        LedgerHttp.Response huge = artist.post("/api/records", Scenario.uploadBody(own, "x".repeat(70_000), List.of()));
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.contentType()).startsWith("application/problem+json");
        assertThat(huge.json().path("code").asText()).isEqualTo("body-too-large");
        assertThat(feed.count()).isEqualTo(registered).isEqualTo(before + 1);
    }

    private static List<Endpoint> endpoints(String own, String record, String release) {
        String some = UUID.randomUUID().toString();
        return List.of(
                new Endpoint("artist", "POST", "/api/artists", body("handle", "h" + some.substring(0, 6),
                        "displayName", "Fuzz")),
                new Endpoint("artist", "PUT", "/api/artists/" + own + "/profile", body("displayName", "Renamed")),
                new Endpoint("artist", "PUT", "/api/artists/" + own + "/personal-data", body("legalName", "Fu Zz",
                        "email", "fu@example.org", "payoutDetails", "IBAN", "taxCountry", "FR")),
                new Endpoint("artist", "POST", "/api/records", Scenario.uploadBody(own, "t", List.of(
                        Map.of("recordId", record, "weight", 2)))),
                new Endpoint("curator", "POST", "/api/records/" + record + "/citation-corrections", body("action",
                        "ADD", "resourceId", record, "weight", 1, "reason", "why")),
                new Endpoint("curator", "POST", "/api/collaborations", body("title", "T", "theme", "t",
                        "prompt", "p")),
                new Endpoint("curator", "POST", "/api/releases", body("title", "R", "kind", "EPISODE",
                        "fundingModel", "PROFIT_SHARE", "poolRate", "1/2")),
                new Endpoint("curator", "POST", "/api/releases/" + release + "/selections", body("recordId", record,
                        "weight", 1, "role", "music")),
                new Endpoint("finance", "POST", "/api/releases/" + release + "/revenue", body("amount", 500,
                        "currency", "USD", "period", "2026-H2", "sourceRef", "stream")),
                new Endpoint("finance", "POST", "/api/releases/" + release + "/costs", body("amount", 5,
                        "currency", "USD", "period", "2026-H2", "sourceRef", "mastering")),
                new Endpoint("curator", "POST", "/api/releases/" + release + "/allocations", body("currency", "USD",
                        "pool", 10, "reviewDays", 0)),
                new Endpoint("finance", "POST", "/api/payout-runs", body("currency", "USD", "threshold", 1000)),
                new Endpoint("finance", "POST", "/api/artists/" + own + "/adjustments", body("currency", "USD",
                        "amount", 1, "reason", "fix", "correctedEventId", some)),
                new Endpoint("artist", "POST", "/api/allocations/" + some + "/comments", body("artistId", own,
                        "claim", "OMITTED", "text", "me")));
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    /** Each field kept, swapped for a hostile value or dropped; sometimes an unknown field joins. */
    private static Map<String, Object> mutate(Map<String, Object> body, Random random) {
        Map<String, Object> mutated = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : body.entrySet()) {
            switch (random.nextInt(4)) {
                case 0 -> mutated.put(field.getKey(), HOSTILE[random.nextInt(HOSTILE.length)]);
                case 1 -> {
                    // dropped
                }
                default -> mutated.put(field.getKey(), field.getValue());
            }
        }
        if (random.nextInt(10) == 0) {
            mutated.put("actor", "someone-else");
        }
        return mutated;
    }

    private static String hostilePath(String path, Random random) {
        List<String> segments = new ArrayList<>(List.of(path.split("/")));
        int at = segments.size() > 3 ? 3 : segments.size() - 1;
        segments.set(at, URLEncoder.encode(String.valueOf(HOSTILE[random.nextInt(HOSTILE.length)]),
                StandardCharsets.UTF_8));
        return String.join("/", segments);
    }
}
