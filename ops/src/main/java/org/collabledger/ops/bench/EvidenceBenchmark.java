package org.collabledger.ops.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.evidence.LedgerSeal;
import org.collabledger.api.evidence.LedgerVerifier;
import org.collabledger.api.evidence.StoreDigest;
import org.collabledger.api.evidence.StoredEntries;
import org.collabledger.api.storage.LedgerSchema;
import org.collabledger.domain.artist.ArtistCommand.RegisterArtist;
import org.collabledger.domain.evidence.Digest;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tamper-evidence benchmark of issue 6, on PostgreSQL. Part one: N stored events (default ten
 * million, with payloads and metadata of the ledger's usual size) are read plainly (the limit),
 * digested straight from the store, sealed from scratch, and verified against the digest; each
 * prints events/s. Part two: the ledger appends through its command bus from two threads, with the
 * background sealer off and then on, and prints both throughputs. Prints figures; asserts nothing.
 */
public final class EvidenceBenchmark {

    private EvidenceBenchmark() {}

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        LedgerApplication.quietAxon();
        System.out.printf(
                Locale.ROOT,
                "evidence benchmark: %,d events, %d cores, max heap %d MiB, %s%n",
                events,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            verification(postgres, events);
            appends(postgres);
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        // Axon leaves a non-daemon janitor thread behind; the figures are printed, so end here.
        System.exit(0);
    }

    private static void verification(EmbeddedPostgres postgres, long events) throws Exception {
        createDatabase(postgres, "evidence");
        String url = postgres.getJdbcUrl("postgres", "evidence");
        DataSource store =
                new org.springframework.jdbc.datasource.DriverManagerDataSource(
                        url, "postgres", "postgres");
        LedgerSchema.migrate(store);
        long started = System.nanoTime();
        generate(store, events);
        try (Connection connection = store.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("vacuum analyze domain_event_entry");
        }
        System.out.printf(
                Locale.ROOT,
                "setup: %,d events generated and stored in %.0f s%n",
                events,
                seconds(started));

        // Twice each, reporting the second: the first pass also warms the page cache and the JIT.
        double read = 0;
        double digestRate = 0;
        Digest digest = null;
        for (int pass = 0; pass < 2; pass++) {
            long readStart = System.nanoTime();
            AtomicLong bytes = new AtomicLong();
            StoredEntries.stream(
                    store, 0, Long.MAX_VALUE, entry -> bytes.addAndGet(entry.payload().length));
            read = events / seconds(readStart);
            long digestStart = System.nanoTime();
            digest = StoreDigest.compute(store, Long.MAX_VALUE, Instant.now());
            digestRate = events / seconds(digestStart);
        }
        System.out.printf(Locale.ROOT, "read alone (the limit): %,.0f events/s%n", read);
        System.out.printf(
                Locale.ROOT,
                "digest straight from the store: %,.0f events/s (%.0f%% of reading)%n",
                digestRate,
                100 * digestRate / read);

        long sealStart = System.nanoTime();
        LedgerSeal seal =
                new LedgerSeal(
                        store,
                        new TransactionTemplate(new DataSourceTransactionManager(store)),
                        Clock.systemUTC());
        seal.sealAvailable();
        System.out.printf(
                Locale.ROOT,
                "seal from scratch (blocks written): %,.0f events/s; seal root %s digest root%n",
                events / seconds(sealStart),
                seal.current().rootHex().equals(digest.rootHex()) ? "equals" : "DIFFERS FROM");

        long verifyStart = System.nanoTime();
        LedgerVerifier.Report report = LedgerVerifier.verify(store, digest);
        double verify = events / seconds(verifyStart);
        System.out.printf(
                Locale.ROOT,
                "full verification: %,.0f events/s = %.0f%% of reading alone (goal >= 50%%); "
                        + "clean: %s%n",
                verify,
                100 * verify / read,
                report.clean());
        System.out.printf(
                Locale.ROOT,
                "digest file: %,d bytes for %,d events%n",
                digest.toFile().getBytes(StandardCharsets.UTF_8).length,
                digest.treeSize());
    }

    /** Events shaped like the ledger's: a record upload's JSON payload and the usual metadata. */
    private static void generate(DataSource store, long events) throws Exception {
        HexFormat hex = HexFormat.of();
        String time = Instant.now().toString();
        try (Connection connection = store.getConnection()) {
            long chunk = 200_000;
            for (long from = 0; from < events; from += chunk) {
                long to = Math.min(events, from + chunk);
                StringBuilder text = new StringBuilder((int) (to - from) * 900);
                for (long i = from; i < to; i++) {
                    UUID record = new UUID(i, 42);
                    String payload =
                            "{\"recordId\":\""
                                    + record
                                    + "\",\"creatorId\":\""
                                    + new UUID(i % 5000, 7)
                                    + "\",\"title\":\"track "
                                    + i
                                    + "\",\"mediaType\":\"AUDIO\",\"contentDigest\":\""
                                    + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",\"contentUri\":"
                                    + "\"https://media.example/track-"
                                    + i
                                    + "\"}";
                    String metadata =
                            "{\"actor\":\"artist-"
                                    + (i % 5000)
                                    + "\",\"correlationId\":\""
                                    + new UUID(i, 1)
                                    + "\",\"causationId\":\""
                                    + new UUID(i, 2)
                                    + "\"}";
                    text.append(i + 1)
                            .append('\t')
                            .append(new UUID(i, 3))
                            .append('\t')
                            .append(record)
                            .append("\t0\tRecord\t")
                            .append(time)
                            .append("\trecord.uploaded\t1\t\\\\x")
                            .append(hex.formatHex(payload.getBytes(StandardCharsets.UTF_8)))
                            .append("\t\\\\x")
                            .append(hex.formatHex(metadata.getBytes(StandardCharsets.UTF_8)))
                            .append('\n');
                }
                connection
                        .unwrap(PGConnection.class)
                        .getCopyAPI()
                        .copyIn(
                                "copy domain_event_entry (global_index, event_identifier, "
                                        + "aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload_revision, "
                                        + "payload, meta_data) from stdin",
                                new java.io.StringReader(text.toString()));
            }
            // Stored already numbered, as the sequencer leaves them; it goes on from the last.
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "update event_sequencer set last_position = " + events + " where id = 1");
            }
        }
    }

    /**
     * Append throughput through the command bus from two threads, without and with the background
     * sealer.
     */
    private static void appends(EmbeddedPostgres postgres) {
        createDatabase(postgres, "appends");
        String url = postgres.getJdbcUrl("postgres", "appends") + "&reWriteBatchedInserts=true";
        try (ConfigurableApplicationContext ledger =
                new SpringApplicationBuilder(LedgerApplication.class)
                        .profiles("postgres")
                        .run(
                                "--server.port=0",
                                "--spring.datasource.url=" + url,
                                "--spring.datasource.username=postgres",
                                "--spring.datasource.password=postgres",
                                "--logging.level.root=WARN",
                                "--ledger.seal.interval=0s",
                                "--spring.main.banner-mode=off")) {
            CommandGateway commands = ledger.getBean(CommandGateway.class);
            LedgerSeal seal = ledger.getBean(LedgerSeal.class);
            throughput(commands, "warm-up", Duration.ofSeconds(10), null);
            seal.sealAvailable();
            double[] without = new double[3];
            double[] with = new double[3];
            for (int round = 0; round < 3; round++) {
                without[round] = throughput(commands, "off" + round, Duration.ofSeconds(15), null);
                seal.sealAvailable();
                with[round] = throughput(commands, "on" + round, Duration.ofSeconds(15), seal);
            }
            double off = median(without);
            double on = median(with);
            System.out.printf(
                    Locale.ROOT,
                    "appends through the command bus, 2 threads, median of 3 x 15 s: sealer off "
                            + "%,.0f events/s, sealer on (sealing every second) %,.0f events/s: cost %.1f%% (goal <= 10%%)%n",
                    off,
                    on,
                    100 * (off - on) / off);
        }
    }

    private static double throughput(
            CommandGateway commands, String label, Duration length, LedgerSeal seal) {
        AtomicLong appended = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        Thread[] writers = new Thread[2];
        for (int t = 0; t < writers.length; t++) {
            int thread = t;
            writers[t] =
                    new Thread(
                            () -> {
                                for (long i = 0; System.nanoTime() < end; i++) {
                                    String id = UUID.randomUUID().toString();
                                    commands.sendAndWait(
                                            new RegisterArtist(
                                                    id,
                                                    label + "-" + thread + "-" + i,
                                                    "Bench " + i));
                                    appended.incrementAndGet();
                                }
                            });
            writers[t].start();
        }
        Thread sealer = null;
        if (seal != null) {
            // What the ledger's background sealer does at its default interval.
            sealer =
                    new Thread(
                            () -> {
                                while (System.nanoTime() < end) {
                                    seal.sealAvailable();
                                    try {
                                        Thread.sleep(1_000);
                                    } catch (InterruptedException e) {
                                        return;
                                    }
                                }
                            });
            sealer.start();
        }
        long started = System.nanoTime();
        try {
            for (Thread writer : writers) {
                writer.join();
            }
            if (sealer != null) {
                sealer.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return appended.get() / seconds(started);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void createDatabase(EmbeddedPostgres postgres, String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
