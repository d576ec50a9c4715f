package org.collabledger.ops.load;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.projections.CurrentAttribution;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.web.ReadYourWrites;
import org.collabledger.ops.Scratch;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The load benchmark of issue 9: the everyday mix ({@link Workload}) from N concurrent clients
 * through the command bus and through HTTP, and single-event commands (the unit of the throughput
 * goal) through the command bus, on PostgreSQL (durable commits) and on the embedded H2 file, with
 * throughput per second, latency percentiles and projection lag; beside it, on the same database,
 * the limits: raw JDBC inserts of event rows of the same size and shape, one transaction per row
 * and in batches, and Axon with its default configuration ({@link AxonDefaultBaseline}). Over HTTP
 * it also reads at the position of every {@value #READ_EVERY}th acknowledged command, as a client
 * reading its own write does. Prints markdown tables and writes the per-second series and
 * percentiles for the report's plots.
 */
public final class LoadBenchmark {

    /**
     * Curators may send every step of the mix for any artist; revenue, finalizations and payouts
     * are finance's.
     */
    private static final String CURATOR = basic("curator");

    private static final String FINANCE = basic("finance");
    private static final Set<String> FINANCE_STEPS = Set.of("revenue", "finalize", "payout");
    private static final java.util.regex.Pattern CREATED_ID =
            java.util.regex.Pattern.compile("\"id\":\"([^\"]+)\"");

    /** Commands per transaction in the group-commit bound. */
    private static final int GROUP = 8;

    /** Over HTTP, every this many acknowledged commands a client reads at the answer's position. */
    private static final int READ_EVERY = 4;

    /** How often the projection lag is sampled, and so the resolution of its figure in seconds. */
    private static final Duration LAG_SAMPLE = Duration.ofMillis(50);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LoadBenchmark() {}

    /** One run's figures. */
    record Result(
            String store,
            String path,
            int clients,
            double seconds,
            long commands,
            long refused,
            long[] perSecond,
            double p50,
            double p90,
            double p99,
            double p999,
            long maxLagEvents,
            double maxLagSeconds,
            double catchUpSeconds,
            String kinds,
            Cpu cpu,
            Reads reads) {

        double throughput() {
            return commands / seconds;
        }
    }

    /**
     * CPU µs per command (or row): this process, with its clients, and the database server (NaN:
     * not measured).
     */
    record Cpu(double process, double server) {

        static Cpu between(CpuMeter.Sample before, CpuMeter.Sample after, long commands) {
            return new Cpu(
                    (after.process() - before.process()) / 1e3 / commands,
                    before.server() < 0
                            ? Double.NaN
                            : (after.server() - before.server()) / 1e3 / commands);
        }

        /** The server's figure as the tables print it. */
        String serverText() {
            return Double.isNaN(server) ? "in process" : String.format(Locale.ROOT, "%.0f", server);
        }
    }

    /**
     * The reads at acknowledged positions of one run: how many answered, the percentiles of the
     * time from the command's answer to the read's, and how many answered 503 (the read models did
     * not reach the position within the ledger's wait) or anything else.
     */
    record Reads(
            int answered, double p50, double p99, double p999, long unavailable, long failed) {}

    /** A raw-JDBC baseline's rows per second and CPU per row. */
    record Raw(double rate, Cpu cpu) {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path out = Path.of(args.length > 2 ? args[2] : "target/report");
        Files.createDirectories(out);
        LedgerApplication.quietAxon();
        System.out.printf(
                Locale.ROOT,
                "load benchmark: %d s per run, %d clients, %d cores, %s%n",
                seconds,
                clients,
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        List<Result> results = new ArrayList<>();
        Map<String, Limits> limits = new LinkedHashMap<>();
        // Optional fourth argument: which stores to run, "postgres", "h2" or both (the default).
        List<String> stores = List.of((args.length > 3 ? args[3] : "postgres,h2").split(","));
        if (stores.contains("postgres")) {
            try (EmbeddedPostgres postgres =
                    EmbeddedPostgres.builder()
                            // The embedded server turns synchronous_commit off; the goals are for
                            // durable commits.
                            .setServerConfig("synchronous_commit", "on")
                            .start()) {
                String url =
                        postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
                runStore(
                        "PostgreSQL",
                        List.of(
                                "--spring.profiles.active=postgres",
                                "--spring.datasource.url=" + url,
                                "--spring.datasource.username=postgres",
                                "--spring.datasource.password=postgres"),
                        seconds,
                        clients,
                        results,
                        limits,
                        "bytea");
            }
        }
        if (stores.contains("h2")) {
            try (Scratch h2 = Scratch.create("ledger-load")) {
                runStore(
                        "H2 file",
                        List.of(
                                "--spring.datasource.url=jdbc:h2:file:"
                                        + h2.path().resolve("ledger")
                                        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"),
                        seconds,
                        clients,
                        results,
                        limits,
                        "varbinary");
                System.out.printf(
                        Locale.ROOT,
                        "H2 file after the H2 runs: %,d MiB%n",
                        Files.size(h2.path().resolve("ledger.mv.db")) >> 20);
            }
        }
        StringBuilder table =
                new StringBuilder(
                        "| store | path | clients | commands/s | p50 ms | p90 ms | p99 ms "
                                + "| p99.9 ms | refused | max projection lag (events) | max projection lag (s) | catch-up after load (s) "
                                + "| vs raw JDBC 1 tx/row | vs raw JDBC batched | vs Axon default | CPU µs per command: ledger process "
                                + "| CPU µs per command: database server |\n"
                                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            table.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %d | %,.0f | %.1f | %.1f | %.1f | %.1f | %d | %,d | %.2f "
                                    + "| %.1f | %.0f%% | %.0f%% | %.0f%% | %.0f | %s |%n",
                            r.store(),
                            r.path(),
                            r.clients(),
                            r.throughput(),
                            r.p50(),
                            r.p90(),
                            r.p99(),
                            r.p999(),
                            r.refused(),
                            r.maxLagEvents(),
                            r.maxLagSeconds(),
                            r.catchUpSeconds(),
                            100
                                    * r.throughput()
                                    / limits.get(r.store()).oneTransactionPerRow().rate(),
                            100 * r.throughput() / limits.get(r.store()).batched().rate(),
                            100 * r.throughput() / limits.get(r.store()).axonDefault().throughput(),
                            r.cpu().process(),
                            r.cpu().serverText()));
        }
        StringBuilder baselines =
                new StringBuilder(
                        "| store | raw JDBC, one transaction per event row "
                                + "| raw JDBC, batches of 100 | Axon, default configuration, one-event commands (p99) |\n"
                                + "|---|---:|---:|---:|\n");
        limits.forEach(
                (store, limit) ->
                        baselines.append(
                                String.format(
                                        Locale.ROOT,
                                        "| %s | %,.0f rows/s (CPU µs per row: %.0f process, %s server) | %,.0f rows/s "
                                                + "| %,.0f commands/s (%.1f ms; CPU µs per command: %.0f process, %s server) |%n",
                                        store,
                                        limit.oneTransactionPerRow().rate(),
                                        limit.oneTransactionPerRow().cpu().process(),
                                        limit.oneTransactionPerRow().cpu().serverText(),
                                        limit.batched().rate(),
                                        limit.axonDefault().throughput(),
                                        limit.axonDefault().p99(),
                                        limit.axonDefault().cpu().process(),
                                        limit.axonDefault().cpu().serverText())));
        StringBuilder reads =
                new StringBuilder(
                        "| store | path | reads at an acknowledged position | p50 ms "
                                + "| p99 ms | p99.9 ms | answered 503 | answered otherwise |\n|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            if (r.reads() != null) {
                reads.append(
                        String.format(
                                Locale.ROOT,
                                "| %s | %s | %,d | %.1f | %.1f | %.1f | %d | %d |%n",
                                r.store(),
                                r.path(),
                                r.reads().answered(),
                                r.reads().p50(),
                                r.reads().p99(),
                                r.reads().p999(),
                                r.reads().unavailable(),
                                r.reads().failed()));
            }
        }
        System.out.println();
        System.out.print(table);
        System.out.println();
        System.out.print(reads);
        System.out.println();
        System.out.print(baselines);
        // The goal's bound in CPU: at half of raw JDBC's rate, what one command may cost, ledger
        // and database together.
        StringBuilder budget = new StringBuilder();
        int cores = Runtime.getRuntime().availableProcessors();
        limits.forEach(
                (store, limit) ->
                        budget.append(
                                String.format(
                                        Locale.ROOT,
                                        "%s: at 50%% of raw JDBC's "
                                                + "one-transaction-per-row rate (%,.0f commands/s), one command may cost at most %.0f CPU µs on "
                                                + "these %d cores, ledger process and database server together.%n",
                                        store,
                                        limit.oneTransactionPerRow().rate() / 2,
                                        cores * 1e6 / (limit.oneTransactionPerRow().rate() / 2),
                                        cores)));
        // The everyday mix through HTTP against the same mix through the command bus, per store.
        for (Result http : results) {
            if (!http.path().equals("HTTP")) {
                continue;
            }
            for (Result bus : results) {
                if (bus.store().equals(http.store()) && bus.path().equals("command bus")) {
                    budget.append(
                            String.format(
                                    Locale.ROOT,
                                    "%s: the everyday mix through HTTP runs at %.0f%% of the same mix through"
                                            + " the command bus (%,.0f against %,.0f commands/s).%n",
                                    http.store(),
                                    100 * http.throughput() / bus.throughput(),
                                    http.throughput(),
                                    bus.throughput()));
                }
            }
        }
        System.out.println();
        System.out.print(budget);
        StringBuilder steps =
                new StringBuilder(
                        "| store | path | steps acknowledged by kind (refused) |\n"
                                + "|---|---|---|\n");
        for (Result r : results) {
            steps.append("| ")
                    .append(r.store())
                    .append(" | ")
                    .append(r.path())
                    .append(" | ")
                    .append(r.kinds())
                    .append(" |\n");
        }
        System.out.println();
        System.out.print(steps);
        Files.writeString(
                out.resolve("load.md"),
                table + "\n" + reads + "\n" + baselines + "\n" + budget + "\n" + steps);
        Plots.throughput(out.resolve("load-throughput.png"), results);
        Plots.latency(out.resolve("load-latency.png"), results);
        System.out.println(
                "\ngoals (PostgreSQL, durable commits): single-event commands through the command bus"
                        + " >= 1.0x Axon's default configuration and >= 50% of raw JDBC one transaction per"
                        + " row, p99 <= 20 ms; the everyday mix through HTTP >= 50% of the same mix through"
                        + " the command bus; a read at a command's Ledger-Position answers within 10 ms of"
                        + " the command's answer at p99; projection lag <= 1 s");
        System.exit(0);
    }

    private static void runStore(
            String store,
            List<String> arguments,
            int seconds,
            int clients,
            List<Result> results,
            Map<String, Limits> limits,
            String binary)
            throws Exception {
        List<String> all = new ArrayList<>(arguments);
        all.addAll(
                List.of(
                        "--server.port=0",
                        "--ledger.demo.enabled=false",
                        "--ledger.security.dev-users=true",
                        "--ledger.security.dev-password=ledger-dev",
                        "--logging.level.root=WARN",
                        "--spring.main.banner-mode=off"));
        try (ConfigurableApplicationContext ledger =
                new SpringApplicationBuilder(LedgerApplication.class)
                        .run(all.toArray(String[]::new))) {
            int port = Integer.parseInt(ledger.getEnvironment().getProperty("local.server.port"));
            CommandGateway bus = ledger.getBean(CommandGateway.class);
            DataSource dataSource = ledger.getBean(DataSource.class);
            CpuMeter cpu = CpuMeter.of(dataSource);
            Projections projections = ledger.getBean(Projections.class);
            Workload workload = new Workload(ledger.getBean(CurrentAttribution.class));
            Sender viaBus =
                    step -> {
                        bus.sendAndWait(step.command().get(), MetaData.with("actor", "load"));
                        return new Answer(step.id(), 0);
                    };
            while (!workload.ready()) {
                Workload.Step step = workload.next();
                step.acknowledged().accept(viaBus.send(step).id());
            }
            run(
                    store,
                    "command bus",
                    seconds / 3,
                    clients,
                    workload::next,
                    viaBus,
                    projections,
                    cpu);
            results.add(
                    run(
                            store,
                            "command bus",
                            seconds,
                            clients,
                            workload::next,
                            viaBus,
                            projections,
                            cpu));
            results.add(
                    run(
                            store,
                            "command bus, single-event",
                            seconds,
                            clients,
                            workload::nextSingleEvent,
                            viaBus,
                            projections,
                            cpu));
            results.add(
                    run(
                            store,
                            "command bus, single-event, "
                                    + GROUP
                                    + " per transaction (group-commit bound)",
                            seconds,
                            clients,
                            workload::nextSingleEvent,
                            grouped(viaBus, ledger.getBean(TransactionManager.class), workload),
                            null,
                            projections,
                            cpu,
                            GROUP));
            Sender viaHttp =
                    step -> {
                        HttpResponse<String> response =
                                HTTP.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                "http://localhost:"
                                                                        + port
                                                                        + step.path()))
                                                .header(
                                                        "authorization",
                                                        FINANCE_STEPS.contains(step.kind())
                                                                ? FINANCE
                                                                : CURATOR)
                                                .header("content-type", "application/json")
                                                .POST(
                                                        HttpRequest.BodyPublishers.ofString(
                                                                step.body()))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() >= 300) {
                            return null;
                        }
                        java.util.regex.Matcher created = CREATED_ID.matcher(response.body());
                        return new Answer(
                                created.find() ? created.group(1) : step.id(),
                                response.headers()
                                        .firstValueAsLong(ReadYourWrites.HEADER)
                                        .orElseThrow());
                    };
            // A cheap read that answers from every read model (a balance waits for all of them), so
            // the figure is the wait for the slowest read model and not the work of a query.
            String someArtist = workload.someArtist();
            Reader atPosition =
                    position ->
                            HTTP.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    "http://localhost:"
                                                                            + port
                                                                            + "/api/artists/"
                                                                            + someArtist
                                                                            + "/balance?"
                                                                            + ReadYourWrites
                                                                                    .PARAMETER
                                                                            + "="
                                                                            + position))
                                                    .header("authorization", FINANCE)
                                                    .GET()
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
            // Warmed like the command bus: the first requests load and compile the web layers and
            // the client.
            run(
                    store,
                    "HTTP",
                    seconds / 3,
                    clients,
                    workload::next,
                    viaHttp,
                    atPosition,
                    projections,
                    cpu,
                    1);
            results.add(
                    run(
                            store,
                            "HTTP",
                            seconds,
                            clients,
                            workload::next,
                            viaHttp,
                            atPosition,
                            projections,
                            cpu,
                            1));
            Raw oneTransactionPerRow = raw(dataSource, cpu, binary, clients, seconds / 2, 1);
            Raw batched = raw(dataSource, cpu, binary, clients, seconds / 2, 100);
            try (AxonDefaultBaseline axon =
                    new AxonDefaultBaseline(dataSource, binary.equals("bytea"))) {
                Workload.Step one =
                        new Workload.Step("axon-default", "", null, "", "", created -> {});
                Result axonDefault =
                        run(
                                store,
                                "Axon default configuration",
                                seconds / 2,
                                clients,
                                () -> one,
                                step -> {
                                    axon.send();
                                    return new Answer(step.id(), 0);
                                },
                                projections,
                                cpu);
                limits.put(store, new Limits(oneTransactionPerRow, batched, axonDefault));
            }
        }
        System.gc();
    }

    /**
     * What the ledger is compared with on one store: raw JDBC rows/s both ways, and Axon's default
     * run.
     */
    record Limits(Raw oneTransactionPerRow, Raw batched, Result axonDefault) {}

    /** The Basic sign-in header of a documented development user. */
    static String basic(String user) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString((user + ":ledger-dev").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends one step; the ledger's answer when it accepted it, null when refused. */
    @FunctionalInterface
    interface Sender {
        Answer send(Workload.Step step) throws Exception;
    }

    /**
     * The id of what an accepted step created, and the position of its last event (0 where the path
     * gives none).
     */
    record Answer(String id, long position) {}

    /** A read that waits until the read models reach {@code position}; its HTTP status. */
    @FunctionalInterface
    interface Reader {
        int read(long position) throws Exception;
    }

    private static Result run(
            String store,
            String path,
            int seconds,
            int clients,
            Supplier<Workload.Step> workload,
            Sender sender,
            Projections projections,
            CpuMeter cpu)
            throws InterruptedException {
        return run(store, path, seconds, clients, workload, sender, null, projections, cpu, 1);
    }

    /**
     * Not how the ledger commits: {@link #GROUP} single-event commands in one unit of work and one
     * database transaction, appended in one batch and committed once. It measures the most that
     * grouping commits (group commit) could give the one-transaction-per-command ledger on this
     * machine; every command of a group is acknowledged only after the shared commit, so durability
     * is the same.
     */
    private static Sender grouped(
            Sender viaBus, TransactionManager transactions, Workload workload) {
        return first -> {
            List<Workload.Step> steps = new ArrayList<>(List.of(first));
            while (steps.size() < GROUP) {
                steps.add(workload.nextSingleEvent());
            }
            UnitOfWork<?> unit = DefaultUnitOfWork.startAndGet(null);
            unit.attachTransaction(transactions);
            try {
                // Handled on this thread by the simple command bus, each command in a unit nested
                // in this one:
                // their events are appended when this unit commits.
                for (Workload.Step step : steps) {
                    viaBus.send(step);
                }
                unit.commit();
            } catch (Exception e) {
                if (unit.isActive()) {
                    unit.rollback(e);
                }
                throw e;
            }
            steps.subList(1, steps.size()).forEach(step -> step.acknowledged().accept(step.id()));
            return new Answer(first.id(), 0);
        };
    }

    /**
     * Runs the clients; each acknowledged step counts {@code commandsPerStep} commands, its latency
     * once. With a {@code reader}, every {@value #READ_EVERY}th acknowledged step is followed by a
     * read at its answer's position, timed from the moment the answer arrived. The reads run on
     * threads of their own, as another tab or service of the client would, so that the commands are
     * paced exactly as through the command bus and the two throughputs compare.
     */
    private static Result run(
            String store,
            String path,
            int seconds,
            int clients,
            Supplier<Workload.Step> workload,
            Sender sender,
            Reader reader,
            Projections projections,
            CpuMeter cpu,
            int commandsPerStep)
            throws InterruptedException {
        AtomicLongArray perSecond = new AtomicLongArray(seconds + 1);
        Map<String, LongAdder> refusedByKind = new ConcurrentSkipListMap<>();
        long[][] latencies = new long[clients][];
        String[][] kinds = new String[clients][];
        java.util.Queue<Long> readWaits = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.ExecutorService readers =
                java.util.concurrent.Executors.newFixedThreadPool(clients);
        LongAdder unavailable = new LongAdder();
        LongAdder failed = new LongAdder();
        CpuMeter.Sample cpuBefore = cpu.sample();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        AtomicLong maxLag = new AtomicLong();
        AtomicLong maxLagNanos = new AtomicLong();
        Thread sampler =
                new Thread(
                        () -> {
                            // The lag in time is how old the read models' view is: how long ago the
                            // head last stood at or below
                            // the position they have reached, known to within one sampling
                            // interval.
                            List<long[]> heads = new ArrayList<>();
                            int stoodAt = 0;
                            while (System.nanoTime() < end) {
                                long now = System.nanoTime();
                                long head = projections.head();
                                long reached = projections.reached();
                                heads.add(new long[] {now, head});
                                while (stoodAt + 1 < heads.size()
                                        && heads.get(stoodAt + 1)[1] <= reached) {
                                    stoodAt++;
                                }
                                maxLag.accumulateAndGet(head - reached, Math::max);
                                maxLagNanos.accumulateAndGet(
                                        now - heads.get(stoodAt)[0], Math::max);
                                try {
                                    Thread.sleep(LAG_SAMPLE.toMillis());
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        });
        sampler.start();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads[c] =
                    new Thread(
                            () -> {
                                long[] mine = new long[1 << 16];
                                String[] mineKinds = new String[mine.length];
                                int n = 0;
                                while (System.nanoTime() < end) {
                                    Workload.Step step = workload.get();
                                    long began = System.nanoTime();
                                    Answer accepted;
                                    try {
                                        accepted = sender.send(step);
                                    } catch (Exception refusedByLedger) {
                                        accepted = null;
                                    }
                                    long answered = System.nanoTime();
                                    long took = answered - began;
                                    if (accepted != null) {
                                        step.acknowledged().accept(accepted.id());
                                        if (reader != null && n % READ_EVERY == 0) {
                                            long position = accepted.position();
                                            readers.execute(
                                                    () -> {
                                                        int status = readAt(reader, position);
                                                        if (status == 200) {
                                                            readWaits.add(
                                                                    System.nanoTime() - answered);
                                                        } else {
                                                            (status == 503 ? unavailable : failed)
                                                                    .increment();
                                                        }
                                                    });
                                        }
                                        if (n == mine.length) {
                                            mine = Arrays.copyOf(mine, n * 2);
                                            mineKinds = Arrays.copyOf(mineKinds, n * 2);
                                        }
                                        mineKinds[n] = step.kind();
                                        mine[n++] = took;
                                        int second =
                                                (int)
                                                        ((System.nanoTime() - start)
                                                                / 1_000_000_000L);
                                        if (second <= seconds) {
                                            perSecond.addAndGet(second, commandsPerStep);
                                        }
                                    } else {
                                        refusedByKind
                                                .computeIfAbsent(step.kind(), k -> new LongAdder())
                                                .increment();
                                    }
                                }
                                latencies[client] = Arrays.copyOf(mine, n);
                                kinds[client] = Arrays.copyOf(mineKinds, n);
                            });
            threads[c].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        CpuMeter.Sample cpuAfter = cpu.sample();
        readers.shutdown();
        readers.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        // Joined, not interrupted: an interrupt during an H2 file read closes H2's file channel for
        // good.
        sampler.join();
        long caughtUpStart = System.nanoTime();
        for (String name : Projections.READ_MODELS) {
            projections.awaitCaughtUp(name, Duration.ofMinutes(5));
        }
        double catchUp = (System.nanoTime() - caughtUpStart) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        long[] series = new long[seconds];
        for (int i = 0; i < seconds; i++) {
            series[i] = perSecond.get(i);
        }
        long refused = refusedByKind.values().stream().mapToLong(LongAdder::sum).sum();
        long[] waits = readWaits.stream().mapToLong(Long::longValue).sorted().toArray();
        Reads reads =
                reader == null
                        ? null
                        : new Reads(
                                waits.length,
                                percentile(waits, 0.50),
                                percentile(waits, 0.99),
                                percentile(waits, 0.999),
                                unavailable.sum(),
                                failed.sum());
        Result result =
                new Result(
                        store,
                        path,
                        clients,
                        elapsed,
                        (long) all.length * commandsPerStep,
                        refused,
                        series,
                        percentile(all, 0.50),
                        percentile(all, 0.90),
                        percentile(all, 0.99),
                        percentile(all, 0.999),
                        maxLag.get(),
                        maxLagNanos.get() / 1e9,
                        catchUp,
                        commandsPerStep == 1
                                ? byKind(latencies, kinds, refusedByKind)
                                : String.format(
                                        Locale.ROOT,
                                        "%,d transactions of %d commands",
                                        all.length,
                                        commandsPerStep),
                        Cpu.between(
                                cpuBefore,
                                cpuAfter,
                                Math.max(1, (long) all.length * commandsPerStep)),
                        reads);
        System.out.printf(
                Locale.ROOT,
                "%s, %s: %,.0f commands/s over %.0f s, p99 %.1f ms, %d refused, CPU µs per "
                        + "command %.0f process, %s server; steps: %s%n",
                store,
                path,
                result.throughput(),
                elapsed,
                result.p99(),
                result.refused(),
                result.cpu().process(),
                result.cpu().serverText(),
                result.kinds());
        if (reads != null) {
            System.out.printf(
                    Locale.ROOT,
                    "%s, %s: %,d reads at an acknowledged position, p99 %.1f ms after the "
                            + "command's answer, %d answered 503, %d otherwise%n",
                    store,
                    path,
                    reads.answered(),
                    reads.p99(),
                    reads.unavailable(),
                    reads.failed());
        }
        return result;
    }

    /** The status of a read at {@code position}; 0 when it got no answer at all. */
    private static int readAt(Reader reader, long position) {
        try {
            return reader.read(position);
        } catch (Exception noAnswer) {
            return 0;
        }
    }

    /**
     * Per kind of step: how many were acknowledged, their p50 and p99 latency, and how many were
     * refused.
     */
    private static String byKind(
            long[][] latencies, String[][] kinds, Map<String, LongAdder> refused) {
        Map<String, List<Long>> byKind = new TreeMap<>();
        for (int c = 0; c < latencies.length; c++) {
            for (int i = 0; i < latencies[c].length; i++) {
                byKind.computeIfAbsent(kinds[c][i], k -> new ArrayList<>()).add(latencies[c][i]);
            }
        }
        refused.keySet().forEach(kind -> byKind.computeIfAbsent(kind, k -> new ArrayList<>()));
        return byKind.entrySet().stream()
                .map(
                        e -> {
                            long[] sorted =
                                    e.getValue().stream()
                                            .mapToLong(Long::longValue)
                                            .sorted()
                                            .toArray();
                            LongAdder no = refused.get(e.getKey());
                            return String.format(
                                    Locale.ROOT,
                                    "%s %,d (p50 %.1f, p99 %.1f ms%s)",
                                    e.getKey(),
                                    sorted.length,
                                    percentile(sorted, 0.50),
                                    percentile(sorted, 0.99),
                                    no == null ? "" : "; " + no.sum() + " refused");
                        })
                .collect(Collectors.joining(", "));
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0
                ? 0
                : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    /**
     * The limit: rows shaped like the ledger's events (same columns, a ~300-byte JSON payload and
     * ~150 bytes of metadata, the same unique indexes) inserted by {@code clients} threads, {@code
     * batch} rows per transaction.
     */
    private static Raw raw(
            DataSource dataSource, CpuMeter cpu, String binary, int clients, int seconds, int batch)
            throws InterruptedException {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("drop table if exists baseline_event");
        jdbc.execute(
                "create table baseline_event (global_index bigint generated by default as identity primary key, "
                        + "event_identifier varchar(64) not null unique, aggregate_identifier varchar(64) not null, "
                        + "sequence_number bigint not null, type varchar(64), time_stamp varchar(64) not null, "
                        + "payload_type varchar(255) not null, payload_revision varchar(32), payload "
                        + binary
                        + " not null, "
                        + "meta_data "
                        + binary
                        + ", unique (aggregate_identifier, sequence_number))");
        byte[] payload =
                ("{\"recordId\":\""
                                + UUID.randomUUID()
                                + "\",\"creatorId\":\""
                                + UUID.randomUUID()
                                + "\",\"title\":\"take 1\",\"mediaType\":\"AUDIO\",\"contentDigest\":\""
                                + "ab".repeat(32)
                                + "\",\"contentUri\":\"https://media.example/x\",\"resources\":[]}")
                        .getBytes(StandardCharsets.UTF_8);
        byte[] metadata =
                ("{\"actor\":\"load\",\"correlationId\":\""
                                + UUID.randomUUID()
                                + "\",\"causationId\":\""
                                + UUID.randomUUID()
                                + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
        AtomicLong rows = new AtomicLong();
        CpuMeter.Sample cpuBefore = cpu.sample();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        Thread[] threads = new Thread[clients];
        for (int c = 0; c < clients; c++) {
            threads[c] =
                    new Thread(
                            () -> {
                                try (Connection connection = dataSource.getConnection();
                                        PreparedStatement insert =
                                                connection.prepareStatement(
                                                        "insert into baseline_event "
                                                                + "(event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
                                                                + "payload_type, payload_revision, payload, meta_data) values (?, ?, 0, 'Record', ?, "
                                                                + "'record.uploaded', '1', ?, ?)")) {
                                    connection.setAutoCommit(batch == 1);
                                    while (System.nanoTime() < end) {
                                        for (int i = 0; i < batch; i++) {
                                            insert.setString(1, UUID.randomUUID().toString());
                                            insert.setString(2, UUID.randomUUID().toString());
                                            insert.setString(3, java.time.Instant.now().toString());
                                            insert.setBytes(4, payload);
                                            insert.setBytes(5, metadata);
                                            if (batch == 1) {
                                                insert.executeUpdate();
                                            } else {
                                                insert.addBatch();
                                            }
                                        }
                                        if (batch > 1) {
                                            insert.executeBatch();
                                            connection.commit();
                                        }
                                        rows.addAndGet(batch);
                                    }
                                } catch (java.sql.SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            threads[c].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double rate = rows.get() / ((System.nanoTime() - start) / 1e9);
        Cpu perRow = Cpu.between(cpuBefore, cpu.sample(), Math.max(1, rows.get()));
        jdbc.execute("drop table baseline_event");
        return new Raw(rate, perRow);
    }
}
