package org.collabledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.collabledger.api.web.HostileRequests.Expect;
import org.collabledger.api.web.HostileRequests.Request;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile input against every operation the served OpenAPI document lists, operations added later
 * included, as nobody and as each dev user: never a 5xx; every refusal is problem+json with a
 * stable type and code and no stack trace; and a refused request leaves the events, the catalog,
 * the artists' keys and the idempotency records exactly as they were. {@code -Dhostile.seed} picks
 * the run and {@code -Dhostile.requests} its length (ops/README.md); every violation is collected,
 * then reported once, grouped by kind.
 */
class HostileInputSuiteTest extends H2Ledger {

    private static final long SEED = Long.getLong("hostile.seed", 20261207L);
    private static final int REQUESTS = Integer.getInteger("hostile.requests", 1_500);

    /**
     * Requests use things up (forget, takedown, finalize, close), so fresh ones are made this
     * often.
     */
    private static final int REMAKE_EVERY = 250;

    /**
     * A file to write every request and its answer to, when asked for with -Dhostile.trace=path.
     */
    private static final String TRACE = System.getProperty("hostile.trace");

    private static final Pattern LEAK =
            Pattern.compile(
                    "Exception|\\tat |\\.java:\\d|\\b(?:java|javax|jakarta|org|com|io)\\.[a-z0-9]+\\.[\\w.]*[A-Z]");

    @Autowired JdbcTemplate jdbc;

    @Test
    void hostileRequestsToEveryOperationAreRefusedCleanlyAndChangeNothing() throws IOException {
        List<ApiOperation> operations =
                ApiOperation.all(LedgerHttp.on(port, null).get("/v3/api-docs").json());
        assertThat(operations).as("operations in the API document").hasSizeGreaterThan(40);
        HostileRequests requests = new HostileRequests(SEED);
        System.out.printf(
                "hostile input: seed %d, %d requests over %d operations%n",
                SEED, REQUESTS, operations.size());

        Violations violations = new Violations();
        int accepted = 0;
        long started = System.nanoTime();
        StoredState state = null;
        List<HostileRequests.Step> steps = requests.schedule(operations, REQUESTS);
        try (PrintStream trace =
                TRACE == null
                        ? new PrintStream(OutputStream.nullOutputStream())
                        : new PrintStream(TRACE, StandardCharsets.UTF_8)) {
            for (int i = 0; i < steps.size(); i++) {
                if (i % REMAKE_EVERY == 0) {
                    createThingsToName(requests, i / REMAKE_EVERY);
                    state = StoredState.read(jdbc);
                }
                Request request = requests.build(steps.get(i));
                String sent = "#" + i + " " + request.describe();
                LedgerHttp.Response response = answer(request);
                if (response == null) {
                    violations.add(
                            "no answer at all", request.operation(), request.variant(), sent);
                    continue;
                }
                StoredState after = StoredState.read(jdbc);
                check(request, response, after.changesSince(state), sent, violations);
                state = after;
                requests.answered(request, response);
                trace.println(
                        sent
                                + " -> "
                                + response.status()
                                + " "
                                + HostileRequests.shorten(response.raw().body(), 200));
                accepted += response.status() < 300 ? 1 : 0;
            }
        }
        System.out.printf(
                "hostile input: %d of %d requests accepted, %d s%n",
                accepted, steps.size(), (System.nanoTime() - started) / 1_000_000_000);
        assertThat(accepted)
                .as("some requests reach the handlers and succeed, so the run is not vacuous")
                .isPositive();
        if (!violations.byKind.isEmpty()) {
            fail(violations.report(steps.size()));
        }
    }

    private static void check(
            Request request,
            LedgerHttp.Response response,
            List<String> changes,
            String sent,
            Violations violations) {
        int status = response.status();
        String where = status + " " + request.operation();
        String example =
                sent
                        + " -> "
                        + status
                        + " "
                        + response.contentType()
                        + " "
                        + HostileRequests.shorten(response.raw().body(), 200);
        Consumer<String> violated = kind -> violations.add(kind, where, request.variant(), example);
        if (status >= 500) {
            violated.accept("5xx answer");
        }
        if (request.expect() == Expect.TOO_LARGE && status != 413) {
            violated.accept("body over the limit not answered 413");
        }
        if (request.expect() == Expect.REFUSED && status < 400) {
            violated.accept("accepted what must be refused");
        }
        if (status < 400) {
            return;
        }
        if (!response.contentType().startsWith("application/problem+json")) {
            violated.accept("refusal not application/problem+json");
        } else if (!request.method().equals("HEAD")) {
            String code = response.json() == null ? "" : response.json().path("code").asText("");
            if (code.isEmpty()
                    || !response.json().path("type").asText().equals(Problems.TYPE_PREFIX + code)) {
                violated.accept(
                        "problem without type " + Problems.TYPE_PREFIX + "<code> and its code");
            }
        }
        if (LEAK.matcher(response.raw().body()).find()) {
            violated.accept("stack trace or class name in a refusal");
        }
        for (String change : changes) {
            violations.add(
                    "refused request changed " + change.substring(0, change.indexOf(' ')),
                    where,
                    request.variant(),
                    example + "; " + change);
        }
    }

    /** The answer to {@code request}, or null when none came. */
    private LedgerHttp.Response answer(Request request) {
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpRequest.BodyPublisher body =
                    request.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : request.chunked()
                                    ? HttpRequest.BodyPublishers.ofInputStream(
                                            () -> new ByteArrayInputStream(request.body()))
                                    : HttpRequest.BodyPublishers.ofByteArray(request.body());
            try {
                return LedgerHttp.on(port, request.role())
                        .exchange(request.method(), request.path(), body, request.headers());
            } catch (IllegalStateException closed) {
                // Tomcat closes a connection after a refusal whose unread body is over its swallow
                // limit, and
                // the client may send the next request on it before it notices: sent again, on a
                // new one.
            }
        }
        return null;
    }

    /**
     * One of each thing an id in a path can name, made as the roles would: artists registered by
     * {@code artist} and {@code artist2}, each with personal data (so with a key), records, a
     * collaboration, releases, revenue, allocations (one finalized and paid out, one open for
     * review), payments and the release's events.
     */
    private void createThingsToName(HostileRequests requests, int round) {
        String own = null;
        for (String handle : List.of("own", "other", "spare")) {
            LedgerHttp registrar =
                    LedgerHttp.on(port, handle.equals("other") ? "artist2" : "artist");
            handle = "fuzz-" + handle + "-" + round;
            String id =
                    made(
                            requests,
                            registrar.post(
                                    "/api/artists",
                                    Map.of("handle", handle, "displayName", handle)));
            made(
                    requests,
                    registrar.put(
                            "/api/artists/" + id + "/personal-data",
                            Map.of(
                                    "legalName",
                                    "Fu Zz",
                                    "email",
                                    "fu@example.org",
                                    "payoutDetails",
                                    "IBAN FR76",
                                    "taxCountry",
                                    "FR")));
            own = own == null ? id : own;
        }
        String source =
                made(
                        requests,
                        artist.post(
                                "/api/records",
                                Scenario.uploadBody(own, "source " + round, List.of())));
        String remix =
                made(
                        requests,
                        artist.post(
                                "/api/records",
                                Scenario.uploadBody(
                                        own,
                                        "remix " + round,
                                        List.of(Map.of("recordId", source, "weight", 1)))));
        String collaboration =
                made(
                        requests,
                        curator.post(
                                "/api/collaborations",
                                Map.of("title", "Fuzz", "theme", "noise", "prompt", "make some")));
        made(
                requests,
                artist.post(
                        "/api/collaborations/" + collaboration + "/submissions",
                        Map.of("recordId", source)));
        String release =
                made(
                        requests,
                        curator.post(
                                "/api/releases",
                                Map.of(
                                        "title",
                                        "Fuzz",
                                        "kind",
                                        "ALBUM",
                                        "fundingModel",
                                        "PROFIT_SHARE",
                                        "poolRate",
                                        "1/2")));
        made(
                requests,
                curator.post(
                        "/api/releases/" + release + "/selections",
                        Map.of("recordId", remix, "weight", 1, "role", "music")));
        made(requests, curator.post("/api/releases/" + release + "/publish", Map.of()));
        made(
                requests,
                curator.post(
                        "/api/releases",
                        Map.of(
                                "title",
                                "Draft",
                                "kind",
                                "FILM",
                                "fundingModel",
                                "BUDGET",
                                "budget",
                                Map.of("amount", 1_000, "currency", "USD"))));
        made(
                requests,
                finance.post(
                        "/api/releases/" + release + "/revenue",
                        Map.of(
                                "amount",
                                10_000,
                                "currency",
                                "USD",
                                "period",
                                "2026-H2",
                                "sourceRef",
                                "stream")));
        String paid =
                made(
                        requests,
                        curator.post(
                                "/api/releases/" + release + "/allocations",
                                Map.of("currency", "USD", "reviewDays", 0)));
        made(requests, finance.post("/api/allocations/" + paid + "/finalize", Map.of()));
        String run =
                made(
                        requests,
                        finance.post(
                                "/api/payout-runs", Map.of("currency", "USD", "threshold", 1)));
        made(
                requests,
                finance.post(
                        "/api/releases/" + release + "/revenue",
                        Map.of(
                                "amount",
                                5_000,
                                "currency",
                                "USD",
                                "period",
                                "2026-H2",
                                "sourceRef",
                                "sync")));
        made(
                requests,
                curator.post(
                        "/api/releases/" + release + "/allocations",
                        Map.of("currency", "USD", "reviewDays", 0)));
        caughtUp();
        made(requests, auditor.get("/api/payout-runs/" + run));
        made(requests, auditor.get("/api/releases/" + release + "/events"));
    }

    private static String made(HostileRequests requests, LedgerHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        requests.learn(response, true);
        return response.json() == null ? null : response.id();
    }

    /**
     * The distinct kinds of violation, each with where it happened, how often, with what, and a
     * first example.
     */
    private static final class Violations {
        final Map<String, Map<String, Place>> byKind = new TreeMap<>();

        /** One answer status of one operation, with the variants that got it. */
        private static final class Place {
            int count;
            final Set<HostileRequests.Variant> variants = new TreeSet<>();
            final String example;

            Place(String example) {
                this.example = example;
            }
        }

        void add(String kind, String where, HostileRequests.Variant variant, String example) {
            Place place =
                    byKind.computeIfAbsent(kind, k -> new TreeMap<>())
                            .computeIfAbsent(where, w -> new Place(example));
            place.count++;
            place.variants.add(variant);
        }

        String report(int sent) {
            StringBuilder report =
                    new StringBuilder(
                            String.format(
                                    "%d kinds of violation in %d requests, seed %d."
                                            + "%nReproduce: ./mvnw -B -ntp -pl api -am test -Dtest=HostileInputSuiteTest "
                                            + "-Dsurefire.failIfNoSpecifiedTests=false -Dhostile.seed=%d -Dhostile.requests=%d"
                                            + "%n(#n is the request's number: -Dhostile.requests=n+1 stops right after it)%n",
                                    byKind.size(), sent, SEED, SEED, sent));
            byKind.forEach(
                    (kind, places) -> {
                        report.append(String.format("%n== %s (%d places)%n", kind, places.size()));
                        places.forEach(
                                (where, place) ->
                                        report.append(
                                                String.format(
                                                        "  %s x%d %s%n    e.g. %s%n",
                                                        where,
                                                        place.count,
                                                        place.variants,
                                                        place.example)));
                    });
            return report.toString();
        }
    }
}
