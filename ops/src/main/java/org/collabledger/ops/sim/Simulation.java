package org.collabledger.ops.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.projections.Projections;
import org.collabledger.ops.Scratch;
import org.collabledger.projections.lineage.LineageQueries;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A deterministic, seeded simulation of the ledger through its HTTP API: random command sequences,
 * valid and invalid (unknown and taken-down resources, self-citations, corrections that would close
 * a cycle, duplicate selections, empty publications), with injected failures (a command that fails
 * after its handler ran, inside the unit of work; a restart of the whole ledger), checking after
 * every step that the event count moved only on success and that the invariants hold: lineage
 * acyclic, every published release's shares summing to exactly 1 and percentages to 100.0000, the
 * money invariant, statements chaining. Every choice comes from the seed, so a failure is
 * reproduced by running the same seed again.
 */
public final class Simulation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What a run found; {@code violation} is null when every invariant held at every step. */
    public record Outcome(
            long seed,
            int steps,
            int accepted,
            int refused,
            int injectedFailures,
            int restarts,
            String violation) {}

    /** An invariant broken at a step. */
    static final class Violation extends RuntimeException {
        Violation(String message) {
            super(message);
        }
    }

    private final long seed;
    private final Random random;
    private final Path directory;
    private final AtomicBoolean failNext = new AtomicBoolean();
    private ConfigurableApplicationContext ledger;
    private int port;
    private final List<String> artists = new ArrayList<>();
    private final List<String> records = new ArrayList<>();
    private final List<String> takenDown = new ArrayList<>();
    private final List<String> openReleases = new ArrayList<>();
    private final List<String> published = new ArrayList<>();
    private final List<String> allocations = new ArrayList<>();
    private int accepted;
    private int refused;
    private int injected;
    private int restarts;

    public Simulation(long seed, Path directory) {
        this.seed = seed;
        this.random = new Random(seed);
        this.directory = directory;
    }

    /** Runs {@code steps} steps; the ledger is stopped at the end whatever happened. */
    public Outcome run(int steps) {
        int step = 0;
        try {
            start();
            for (step = 1; step <= steps; step++) {
                if (random.nextInt(60) == 0) {
                    restart();
                }
                step(step);
            }
            return new Outcome(seed, steps, accepted, refused, injected, restarts, null);
        } catch (Violation violation) {
            return new Outcome(
                    seed,
                    step,
                    accepted,
                    refused,
                    injected,
                    restarts,
                    "step " + step + ": " + violation.getMessage());
        } finally {
            stop();
        }
    }

    private void step(int step) {
        EventFeed feed = ledger.getBean(EventFeed.class);
        long before = feed.count();
        boolean inject = random.nextInt(25) == 0;
        failNext.set(inject);
        String kind = pick();
        HttpResponse<String> response = act(kind);
        failNext.set(false);
        long after = feed.count();
        int status = response == null ? 0 : response.statusCode();
        if (inject && response != null) {
            injected++;
            require(
                    after == before,
                    kind
                            + " failed after its handler ran, yet the store grew by "
                            + (after - before));
        } else if (response != null) {
            require(status < 500, kind + " answered " + status + ": " + response.body());
            if (status < 300) {
                accepted++;
            } else {
                refused++;
                require(
                        after == before,
                        kind
                                + " was refused ("
                                + status
                                + ") but the store grew by "
                                + (after - before));
            }
        }
        checkInvariants(step);
    }

    private String pick() {
        int roll = random.nextInt(100);
        if (artists.size() < 3 || roll < 10) {
            return "register";
        }
        if (records.size() < 3 || roll < 30) {
            return "upload";
        }
        if (roll < 50) {
            return "remix";
        }
        if (roll < 55) {
            return "bad-remix";
        }
        if (roll < 59) {
            return "takedown";
        }
        if (roll < 64) {
            return "correction";
        }
        if (roll < 68 || openReleases.isEmpty()) {
            return "open-release";
        }
        if (roll < 80) {
            return "select";
        }
        if (roll < 84) {
            return "publish";
        }
        if (roll < 90) {
            return published.isEmpty() ? "select" : "revenue";
        }
        if (roll < 95) {
            return published.isEmpty() ? "publish" : "allocate";
        }
        return allocations.isEmpty() ? "register" : "payout";
    }

    private HttpResponse<String> act(String kind) {
        return switch (kind) {
            case "register" -> {
                String handle = "s" + Long.toHexString(random.nextLong() & 0xffffffffffL);
                yield created(
                        post(
                                "curator",
                                "/api/artists",
                                Map.of("handle", handle, "displayName", handle)),
                        artists);
            }
            case "upload" ->
                    created(
                            post("curator", "/api/records", upload(any(artists), List.of())),
                            records);
            case "remix" -> {
                List<Map<String, Object>> resources = new ArrayList<>();
                int fanIn = 1 + random.nextInt(Math.min(4, records.size()));
                for (int i = 0; i < fanIn; i++) {
                    String resource = any(records);
                    if (resources.stream().noneMatch(r -> r.get("recordId").equals(resource))) {
                        resources.add(
                                Map.of("recordId", resource, "weight", 1 + random.nextInt(3)));
                    }
                }
                yield created(
                        post("curator", "/api/records", upload(any(artists), resources)), records);
            }
            case "bad-remix" -> {
                String resource =
                        switch (random.nextInt(3)) {
                            case 0 -> new UUID(random.nextLong(), random.nextLong()).toString();
                            case 1 ->
                                    takenDown.isEmpty()
                                            ? new UUID(random.nextLong(), 1).toString()
                                            : any(takenDown);
                            default -> "not-an-id";
                        };
                yield post(
                        "curator",
                        "/api/records",
                        upload(
                                any(artists),
                                List.of(
                                        Map.of(
                                                "recordId",
                                                resource,
                                                "weight",
                                                random.nextInt(3)))));
            }
            case "takedown" -> {
                String record = any(records);
                HttpResponse<String> response =
                        post(
                                "curator",
                                "/api/records/" + record + "/takedown",
                                Map.of("reason", "claim"));
                if (response != null && response.statusCode() == 200) {
                    takenDown.add(record);
                }
                yield response;
            }
            case "correction" ->
                    post(
                            "curator",
                            "/api/records/" + any(records) + "/citation-corrections",
                            Map.of(
                                    "action",
                                    random.nextBoolean() ? "ADD" : "REMOVE",
                                    "resourceId",
                                    any(records),
                                    "weight",
                                    1,
                                    "reason",
                                    "correction"));
            case "open-release" -> {
                Map<String, Object> body =
                        new LinkedHashMap<>(Map.of("title", "Sim release", "kind", "ALBUM"));
                if (random.nextBoolean()) {
                    body.put("fundingModel", "PROFIT_SHARE");
                    body.put("poolRate", "1/" + (2 + random.nextInt(3)));
                } else {
                    body.put("fundingModel", "BUDGET");
                    body.put(
                            "budget",
                            Map.of("amount", 10_000 + random.nextInt(90_000), "currency", "USD"));
                }
                yield created(post("curator", "/api/releases", body), openReleases);
            }
            case "select" ->
                    post(
                            "curator",
                            "/api/releases/" + any(openReleases) + "/selections",
                            Map.of(
                                    "recordId",
                                    any(records),
                                    "weight",
                                    1 + random.nextInt(4),
                                    "role",
                                    "music"));
            case "publish" -> {
                String release = any(openReleases);
                HttpResponse<String> response =
                        post("curator", "/api/releases/" + release + "/publish", Map.of());
                if (response != null && response.statusCode() == 200) {
                    openReleases.remove(release);
                    published.add(release);
                }
                yield response;
            }
            case "revenue" ->
                    post(
                            "finance",
                            "/api/releases/"
                                    + any(published)
                                    + (random.nextInt(4) == 0 ? "/costs" : "/revenue"),
                            Map.of(
                                    "amount",
                                    1 + random.nextInt(200_000),
                                    "currency",
                                    "USD",
                                    "period",
                                    "2026-H2",
                                    "sourceRef",
                                    "sim-" + random.nextInt(1_000_000)));
            case "allocate" -> {
                HttpResponse<String> proposed =
                        post(
                                "curator",
                                "/api/releases/" + any(published) + "/allocations",
                                Map.of(
                                        "currency",
                                        "USD",
                                        "reviewDays",
                                        0,
                                        "pool",
                                        1 + random.nextInt(50_000)));
                if (proposed != null && proposed.statusCode() == 201) {
                    String allocation = id(proposed);
                    allocations.add(allocation);
                    accepted++;
                    checkInvariants(-1);
                    yield post("finance", "/api/allocations/" + allocation + "/finalize", Map.of());
                }
                yield proposed;
            }
            case "payout" ->
                    post(
                            "finance",
                            "/api/payout-runs",
                            Map.of("currency", "USD", "threshold", 1 + random.nextInt(20_000)));
            default -> throw new IllegalStateException(kind);
        };
    }

    private Map<String, Object> upload(String creator, List<Map<String, Object>> resources) {
        Map<String, Object> body =
                new LinkedHashMap<>(
                        Map.of(
                                "creatorId",
                                creator,
                                "title",
                                "sim " + random.nextInt(),
                                "mediaType",
                                "audio",
                                "contentDigest",
                                "cd".repeat(32),
                                "contentUri",
                                "https://media.example/sim"));
        if (!resources.isEmpty()) {
            body.put("resources", resources);
        }
        return body;
    }

    /** The invariants, on read models caught up with every stored event. */
    private void checkInvariants(int step) {
        Projections projections = ledger.getBean(Projections.class);
        for (String name : Projections.READ_MODELS) {
            projections.awaitCaughtUp(name, Duration.ofSeconds(30));
        }
        LineageQueries lineage = ledger.getBean(LineageQueries.class);
        for (String record : records) {
            lineage.walk(
                            UUID.fromString(record),
                            LineageQueries.Direction.ANCESTORS,
                            10_000,
                            LineageQueries.MAX_LIMIT,
                            Long.MAX_VALUE)
                    .ifPresent(
                            ancestors ->
                                    require(
                                            ancestors.nodes().stream()
                                                    .noneMatch(
                                                            node ->
                                                                    node.depth() > 0
                                                                            && node.recordId()
                                                                                    .equals(
                                                                                            record)),
                                            "record "
                                                    + record
                                                    + " is its own ancestor: the lineage has a cycle"));
        }
        for (String release : published) {
            JsonNode attribution = get("auditor", "/api/releases/" + release + "/attribution");
            if (attribution.has("artists")) {
                BigInteger[] sum = {BigInteger.ZERO, BigInteger.ONE};
                long hundredths = 0;
                for (JsonNode artist : attribution.path("artists")) {
                    String[] share = artist.path("share").asText().split("/");
                    BigInteger n = new BigInteger(share[0]);
                    BigInteger d = share.length > 1 ? new BigInteger(share[1]) : BigInteger.ONE;
                    sum =
                            new BigInteger[] {
                                sum[0].multiply(d).add(n.multiply(sum[1])), sum[1].multiply(d)
                            };
                    hundredths +=
                            Math.round(
                                    Double.parseDouble(artist.path("percent").asText()) * 10_000);
                }
                require(
                        sum[0].equals(sum[1]),
                        "the shares of release " + release + " sum to " + sum[0] + "/" + sum[1]);
                require(
                        hundredths == 1_000_000,
                        "the percentages of release "
                                + release
                                + " sum to "
                                + hundredths / 10_000.0);
            }
        }
        JsonNode checks = get("auditor", "/api/ledger/checks");
        require(checks.path("ok").asBoolean(), "the money invariant fails: " + checks);
        if (!artists.isEmpty() && (step < 0 || step % 10 == 0)) {
            String artist = any(artists);
            Instant cut = Instant.now().minusMillis(random.nextInt(5_000));
            String day = cut.toString().substring(0, 10);
            JsonNode before =
                    get(
                            "auditor",
                            "/api/artists/"
                                    + artist
                                    + "/statements?currency=USD&from=2020-01-01&to="
                                    + day);
            JsonNode afterCut =
                    get(
                            "auditor",
                            "/api/artists/"
                                    + artist
                                    + "/statements?currency=USD&from="
                                    + day
                                    + "&to=2100-01-01");
            require(
                    before.path("closingBalance").asLong()
                            == afterCut.path("openingBalance").asLong(),
                    "the statements of " + artist + " do not chain at " + day);
        }
    }

    private void start() {
        ledger =
                new SpringApplicationBuilder(LedgerApplication.class)
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=jdbc:h2:file:"
                                        + directory.resolve("ledger")
                                        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                                "--ledger.demo.enabled=false",
                                "--ledger.security.dev-users=true",
                                "--ledger.security.dev-password=ledger-dev",
                                "--logging.level.root=ERROR",
                                "--spring.main.banner-mode=off");
        port = Integer.parseInt(ledger.getEnvironment().getProperty("local.server.port"));
        // The injected failure: the command's handler has run and applied its events, then the unit
        // of work
        // fails, as a crash between handling and commit would; nothing of it may be stored.
        ((SimpleCommandBus) ledger.getBean(CommandBus.class))
                .registerHandlerInterceptor(
                        (unitOfWork, chain) -> {
                            Object result = chain.proceed();
                            if (failNext.getAndSet(false)) {
                                throw new IllegalStateException(
                                        "injected failure after the handler ran");
                            }
                            return result;
                        });
    }

    private void restart() {
        stop();
        restarts++;
        start();
    }

    private void stop() {
        if (ledger != null) {
            ledger.close();
            ledger = null;
        }
    }

    private HttpResponse<String> created(HttpResponse<String> response, List<String> into) {
        if (response != null && response.statusCode() == 201) {
            into.add(id(response));
        }
        return response;
    }

    private static String id(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body()).path("id").asText();
        } catch (java.io.IOException e) {
            throw new Violation("a 201 without a JSON id: " + response.body());
        }
    }

    private String any(List<String> ids) {
        return ids.isEmpty()
                ? new UUID(random.nextLong(), random.nextLong()).toString()
                : ids.get(random.nextInt(ids.size()));
    }

    private HttpResponse<String> post(String user, String path, Object body) {
        try {
            return HTTP.send(
                    request(user, path)
                            .header("content-type", "application/json")
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            JSON.writeValueAsString(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("the ledger did not answer " + path, e);
        }
    }

    private JsonNode get(String user, String path) {
        try {
            HttpResponse<String> response =
                    HTTP.send(
                            request(user, path).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            require(
                    response.statusCode() < 500,
                    "GET " + path + " answered " + response.statusCode());
            return JSON.readTree(response.body());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException("the ledger did not answer " + path, e);
        }
    }

    private HttpRequest.Builder request(String user, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(
                        "authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (user + ":ledger-dev")
                                                        .getBytes(StandardCharsets.UTF_8)));
    }

    private static void require(boolean holds, String violation) {
        if (!holds) {
            throw new Violation(violation);
        }
    }

    /**
     * {@code Simulation [first seed] [seeds] [steps]}: runs the seeds in turn, stops at the first
     * violation.
     */
    public static void main(String[] args) throws Exception {
        long first = args.length > 0 ? Long.parseLong(args[0]) : 1;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        LedgerApplication.quietAxon();
        for (long seed = first; seed < first + seeds; seed++) {
            Scratch directory = Scratch.create("ledger-sim-" + seed);
            Outcome outcome = new Simulation(seed, directory.path()).run(steps);
            System.out.println(outcome);
            if (outcome.violation() != null) {
                // Kept: the store as the violation left it.
                System.out.println(
                        "store kept in "
                                + directory.path()
                                + "; reproduce with: Simulation "
                                + seed
                                + " 1 "
                                + steps);
                System.exit(2);
            }
            directory.close();
        }
        System.exit(0);
    }
}
