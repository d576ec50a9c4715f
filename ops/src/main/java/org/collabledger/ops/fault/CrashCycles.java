package org.collabledger.ops.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.projections.Projections;
import org.collabledger.projections.directory.DirectoryProjection;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.money.MoneyProjection;
import org.collabledger.projections.release.ReleaseProjection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Kill -9 under load: the ledger runs as a child process (the real executable jar) while client
 * threads append through HTTP, each command with its own correlation id and Idempotency-Key; the
 * process is killed with SIGKILL at a random moment, started again, and so on. At the end every
 * unacknowledged command is retried with its key, and the store must hold every command's event
 * exactly once: nothing acknowledged lost, nothing duplicated, nothing half-written; and the read
 * models, caught up after the crashes, must equal a rebuild from the first event, row by row.
 */
public final class CrashCycles {

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
    private static final String AUTH =
            "Basic "
                    + Base64.getEncoder()
                            .encodeToString("artist:ledger-dev".getBytes(StandardCharsets.UTF_8));

    /**
     * Where the child stores its events: the arguments it starts with, the arguments that open the
     * same store from a ledger in this JVM, and a way to read the store afterwards.
     */
    public record Store(
            String name,
            List<String> arguments,
            List<String> inProcessArguments,
            Path workingDirectory,
            DataSource dataSource) {}

    /**
     * What the cycles found. The ledger kept its word when {@code lost} and {@code duplicated} are
     * 0 and {@code readModels} is empty: the read models, caught up after the crashes, equal a
     * rebuild from zero.
     */
    public record Outcome(
            int cycles,
            long attempted,
            long acknowledged,
            long retried,
            long refused,
            long lost,
            long duplicated,
            long strays,
            List<String> readModels,
            double seconds) {

        /**
         * Nothing lost, duplicated or invented, no command refused because an acknowledged one
         * vanished, and every read model as a rebuild makes it.
         */
        public boolean kept() {
            return lost == 0
                    && duplicated == 0
                    && strays == 0
                    && refused == 0
                    && readModels.isEmpty();
        }
    }

    /**
     * The read models' tables, by the projection that writes them; their rows are compared whole.
     */
    private static final Map<String, List<String>> READ_MODELS =
            Map.of(
                    LineageProjection.PROCESSING_GROUP,
                    List.of("lineage_record", "lineage_citation"),
                    ReleaseProjection.PROCESSING_GROUP,
                    List.of("release_view", "release_selection"),
                    MoneyProjection.PROCESSING_GROUP,
                    List.of("money_line", "money_payment"),
                    DirectoryProjection.PROCESSING_GROUP,
                    DirectoryProjection.TABLES);

    /**
     * One command sent: its body, correlation id (also its Idempotency-Key) and whether it was
     * acknowledged.
     */
    private record Sent(String correlationId, String path, String body) {}

    private final Path jar;
    private final Store store;
    private final int port;
    private final Map<String, Sent> attempted = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    /**
     * What each acknowledged command created (artist or record id), to look it up when its event is
     * missing.
     */
    private final Map<String, String> created = new ConcurrentHashMap<>();

    /** The status each retry after the crashes was answered with. */
    private final Map<String, Integer> retryStatus = new ConcurrentHashMap<>();

    private final List<String> artists = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> records = new java.util.concurrent.CopyOnWriteArrayList<>();

    public CrashCycles(Path jar, Store store, int port) {
        this.jar = jar;
        this.store = store;
        this.port = port;
    }

    /**
     * Runs {@code cycles} kill -9 cycles of {@code clients} appending clients, then the final
     * check.
     */
    public Outcome run(int cycles, int clients, long seed) throws Exception {
        long started = System.nanoTime();
        Random random = new Random(seed);
        for (int cycle = 0; cycle < cycles; cycle++) {
            Process ledger = start();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread client = new Thread(this::appendUntilRefused, "client-" + c);
                client.start();
                threads.add(client);
            }
            Thread.sleep(300 + random.nextInt(1_500));
            ledger.destroyForcibly();
            ledger.waitFor();
            for (Thread client : threads) {
                client.join();
            }
        }
        Process ledger = start();
        long retried = 0;
        try {
            for (Sent sent : attempted.values()) {
                if (!acknowledged.contains(sent.correlationId())
                        && !refused.containsKey(sent.correlationId())) {
                    HttpResponse<String> response =
                            HTTP.send(request(sent), HttpResponse.BodyHandlers.ofString());
                    retryStatus.put(sent.correlationId(), response.statusCode());
                    if (response.statusCode() != 201 && response.statusCode() != 200) {
                        refused.put(
                                sent.correlationId(),
                                "retry answered " + response.statusCode() + " " + response.body());
                    }
                    retried++;
                }
            }
        } finally {
            ledger.destroy();
            ledger.waitFor();
        }
        Map<String, Long> stored = new ConcurrentHashMap<>();
        new JdbcTemplate(store.dataSource())
                .query(
                        "select meta_data from domain_event_entry",
                        rs -> {
                            String metadata = new String(rs.getBytes(1), StandardCharsets.UTF_8);
                            int at = metadata.indexOf("\"correlationId\":\"");
                            if (at >= 0) {
                                String id =
                                        metadata.substring(at + 17, metadata.indexOf('"', at + 17));
                                stored.merge(id, 1L, Long::sum);
                            }
                        });
        refused.values().stream()
                .limit(3)
                .forEach(reason -> System.err.println("refused: " + reason));
        List<String> missing =
                attempted.keySet().stream()
                        .filter(id -> !refused.containsKey(id))
                        .filter(id -> stored.getOrDefault(id, 0L) == 0)
                        .sorted()
                        .toList();
        // Enough to look each one up in the store, which the caller keeps when anything was lost.
        missing.forEach(id -> System.err.println("lost: " + id + " " + history(id)));
        long lost = missing.size();
        List<String> twice =
                attempted.keySet().stream()
                        .filter(id -> stored.getOrDefault(id, 0L) > 1)
                        .sorted()
                        .toList();
        twice.forEach(
                id ->
                        System.err.println(
                                "duplicated: "
                                        + id
                                        + " ("
                                        + stored.get(id)
                                        + " events) "
                                        + history(id)));
        long duplicated = twice.size();
        long strays =
                stored.keySet().stream()
                        .filter(id -> id.startsWith("crash-") && !attempted.containsKey(id))
                        .count();
        List<String> readModels = readModelsAgainstRebuild();
        readModels.forEach(difference -> System.err.println("read model: " + difference));
        return new Outcome(
                cycles,
                attempted.size(),
                acknowledged.size(),
                retried,
                refused.size(),
                lost,
                duplicated,
                strays,
                readModels,
                (System.nanoTime() - started) / 1e9);
    }

    /**
     * Opens the store in a ledger in this JVM, waits until every projection has caught up with what
     * the crashed processes left, and reads its tables; then rebuilds every projection from the
     * first event and reads them again. Returns each table whose rows differ, with what differs;
     * empty when all are equal.
     */
    private List<String> readModelsAgainstRebuild() {
        LedgerApplication.quietAxon();
        List<String> arguments = new ArrayList<>(store.inProcessArguments());
        arguments.addAll(
                List.of(
                        "--server.port=0",
                        "--ledger.demo.enabled=false",
                        "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off"));
        try (ConfigurableApplicationContext ledger =
                new SpringApplicationBuilder(LedgerApplication.class)
                        .run(arguments.toArray(String[]::new))) {
            Projections projections = ledger.getBean(Projections.class);
            JdbcTemplate jdbc = new JdbcTemplate(ledger.getBean(DataSource.class));
            READ_MODELS
                    .keySet()
                    .forEach(name -> projections.awaitCaughtUp(name, Duration.ofMinutes(5)));
            Map<String, List<String>> live = rows(jdbc);
            for (String name : READ_MODELS.keySet()) {
                projections.rebuild(name);
                projections.awaitCaughtUp(name, Duration.ofMinutes(5));
            }
            Map<String, List<String>> rebuilt = rows(jdbc);
            List<String> differences = new ArrayList<>();
            live.forEach(
                    (table, rows) -> {
                        if (!rows.equals(rebuilt.get(table))) {
                            Set<String> onlyLive = new TreeSet<>(rows);
                            onlyLive.removeAll(rebuilt.get(table));
                            Set<String> onlyRebuilt = new TreeSet<>(rebuilt.get(table));
                            onlyRebuilt.removeAll(rows);
                            differences.add(
                                    String.format(
                                            Locale.ROOT,
                                            "%s: %d rows live, %d rebuilt; only live %s; only "
                                                    + "rebuilt %s",
                                            table,
                                            rows.size(),
                                            rebuilt.get(table).size(),
                                            onlyLive.stream().limit(3).toList(),
                                            onlyRebuilt.stream().limit(3).toList()));
                        }
                    });
            return differences;
        }
    }

    /** Every read-model table's rows, each as its columns' text, sorted. */
    private static Map<String, List<String>> rows(JdbcTemplate jdbc) {
        Map<String, List<String>> tables = new TreeMap<>();
        READ_MODELS.values().stream()
                .flatMap(List::stream)
                .forEach(
                        table ->
                                tables.put(
                                        table,
                                        jdbc
                                                .query(
                                                        "select * from " + table,
                                                        (rs, row) -> {
                                                            StringBuilder text =
                                                                    new StringBuilder();
                                                            for (int column = 1;
                                                                    column
                                                                            <= rs.getMetaData()
                                                                                    .getColumnCount();
                                                                    column++) {
                                                                Object value = rs.getObject(column);
                                                                text.append(column > 1 ? "|" : "")
                                                                        .append(
                                                                                value
                                                                                                instanceof
                                                                                                byte
                                                                                                                []
                                                                                                        bytes
                                                                                        ? HexFormat
                                                                                                .of()
                                                                                                .formatHex(
                                                                                                        bytes)
                                                                                        : value);
                                                            }
                                                            return text.toString();
                                                        })
                                                .stream()
                                                .sorted()
                                                .toList()));
        return tables;
    }

    /**
     * What the client saw of one command: acknowledged (and what it created), or retried (and the
     * answer).
     */
    private String history(String id) {
        return attempted.get(id).path()
                + (acknowledged.contains(id)
                        ? ", acknowledged during the cycles, created " + created.get(id)
                        : ", retried after the crashes, answered " + retryStatus.get(id));
    }

    /**
     * Registers artists and uploads (often remixing earlier records) until the ledger stops
     * answering.
     */
    private void appendUntilRefused() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (true) {
            String id = "crash-" + UUID.randomUUID();
            Sent sent;
            if (artists.isEmpty() || random.nextInt(4) == 0) {
                sent =
                        new Sent(
                                id,
                                "/api/artists",
                                "{\"handle\":\"c"
                                        + id.substring(6, 18).replace("-", "")
                                        + "\",\"displayName\":\"Crash test\"}");
            } else {
                String creator = artists.get(random.nextInt(artists.size()));
                String resources =
                        records.isEmpty() || random.nextBoolean()
                                ? ""
                                : ",\"resources\":[{\"recordId\":\""
                                        + records.get(random.nextInt(records.size()))
                                        + "\",\"weight\":"
                                        + (1 + random.nextInt(3))
                                        + "}]";
                sent =
                        new Sent(
                                id,
                                "/api/records",
                                "{\"creatorId\":\""
                                        + creator
                                        + "\",\"title\":\"take "
                                        + id
                                        + "\",\"mediaType\":\"audio\",\"contentDigest\":\""
                                        + "ab".repeat(32)
                                        + "\",\"contentUri\":\"https://media.example/"
                                        + id
                                        + "\""
                                        + resources
                                        + "}");
            }
            attempted.put(id, sent);
            try {
                HttpResponse<String> response =
                        HTTP.send(request(sent), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    acknowledged.add(id);
                    String createdId = response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                    created.put(id, createdId);
                    (sent.path().equals("/api/artists") ? artists : records).add(createdId);
                } else {
                    // Only a lost acknowledged artist or record makes a well-formed command fail
                    // here.
                    refused.put(id, response.statusCode() + " " + response.body());
                    return;
                }
            } catch (IOException | InterruptedException gone) {
                // The ledger was killed under this request: it may or may not have been stored.
                return;
            }
        }
    }

    private HttpRequest request(Sent sent) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + sent.path()))
                .timeout(Duration.ofSeconds(20))
                .header("authorization", AUTH)
                .header("content-type", "application/json")
                .header("X-Correlation-Id", sent.correlationId())
                .header("Idempotency-Key", sent.correlationId())
                .POST(HttpRequest.BodyPublishers.ofString(sent.body()))
                .build();
    }

    /** Starts the ledger and waits until it answers. */
    private Process start() throws Exception {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-Xmx512m",
                                "-Daxoniq.update-checker.disabled=true",
                                "-jar",
                                jar.toString(),
                                "--server.port=" + port,
                                // Not the fixed default: nothing else on the machine may hold it.
                                "--management.server.port=0",
                                "--ledger.demo.enabled=false",
                                "--ledger.security.dev-users=true",
                                "--ledger.security.dev-password=ledger-dev",
                                "--logging.level.root=WARN"));
        command.addAll(store.arguments());
        Process process =
                new ProcessBuilder(command)
                        .directory(store.workingDirectory().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the ledger exited with " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<String> ready =
                        HTTP.send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        "http://localhost:"
                                                                + port
                                                                + "/api/events?limit=1"))
                                        .header("authorization", AUTH)
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the ledger did not start within 90 s");
    }

    /** Prints one line of figures for an outcome. */
    public static String describe(String store, Outcome outcome) {
        return String.format(
                Locale.ROOT,
                "%s: %d kill -9 cycles in %.0f s, %,d commands sent, %,d acknowledged, "
                        + "%,d retried after the crashes; refused %d, lost %d, duplicated %d, strays %d; read models %s "
                        + "-> %s",
                store,
                outcome.cycles(),
                outcome.seconds(),
                outcome.attempted(),
                outcome.acknowledged(),
                outcome.retried(),
                outcome.refused(),
                outcome.lost(),
                outcome.duplicated(),
                outcome.strays(),
                outcome.readModels().isEmpty()
                        ? "equal to a rebuild"
                        : "DIFFER from a rebuild in " + outcome.readModels().size() + " tables",
                outcome.kept() ? "KEPT" : "BROKEN");
    }
}
