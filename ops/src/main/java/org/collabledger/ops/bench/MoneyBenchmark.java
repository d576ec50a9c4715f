package org.collabledger.ops.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.projections.Projections;
import org.collabledger.domain.allocation.AllocationLine;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.treasury.Treasury;
import org.collabledger.domain.treasury.TreasuryCommand.FailPayment;
import org.collabledger.domain.treasury.TreasuryCommand.RunPayout;
import org.collabledger.domain.treasury.TreasuryEvent.AllocationCredited;
import org.collabledger.projections.money.MoneyProjection;
import org.collabledger.projections.money.MoneyQueries;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The money benchmark of issue 5: 100,000 artists with two years of activity (four half-years, each
 * with ten finalized allocations crediting thousands of artists, a payout run through the command bus
 * and some failed payments) on PostgreSQL; prints the time of each payout run, the money projection's
 * catch-up, all statements of the last half-year, and the heap. Asserts nothing.
 */
public final class MoneyBenchmark {

    private MoneyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int artists = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        LedgerApplication.quietAxon();
        System.out.printf(Locale.ROOT, "money benchmark: %,d artists, 2 years, %d cores, max heap %d MiB%n", artists,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
            try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class)
                    .run("--server.port=0", "--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
                            "--spring.datasource.password=postgres", "--spring.profiles.active=postgres",
                            "--ledger.projections.batch-size=2000", "--logging.level.root=WARN",
                            "--spring.main.banner-mode=off")) {
                run(ledger, artists);
            }
        }
        // Axon leaves a non-daemon janitor thread behind; the figures are printed, so end here.
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext ledger, int artistCount) throws Exception {
        DataSource dataSource = ledger.getBean(DataSource.class);
        Serializer serializer = ledger.getBean("eventSerializer", Serializer.class);
        CommandGateway commands = ledger.getBean(CommandGateway.class);
        Projections projections = ledger.getBean(Projections.class);
        MoneyQueries money = ledger.getBean(MoneyQueries.class);
        Random random = new Random(11);
        String[] artists = new String[artistCount];
        for (int i = 0; i < artistCount; i++) {
            artists[i] = new UUID(random.nextLong(), random.nextLong()).toString();
        }
        String treasury = Treasury.idOf("USD");
        long sequence = 0;
        LocalDate half = LocalDate.of(2025, 1, 1);
        for (int period = 0; period < 4; period++) {
            long started = System.nanoTime();
            sequence = credit(dataSource, serializer, treasury, sequence, artists, random,
                    half.plusMonths(2).atStartOfDay().toInstant(ZoneOffset.UTC), period);
            double creditSeconds = seconds(started);
            String runId = UUID.randomUUID().toString();
            long runStart = System.nanoTime();
            commands.sendAndWait(new RunPayout(treasury, runId, null, "bank-transfer", "batch-" + period,
                    Instant.now()), MetaData.with("actor", "benchmark"));
            double runSeconds = seconds(runStart);
            projections.awaitCaughtUp(MoneyProjection.PROCESSING_GROUP, Duration.ofMinutes(30));
            List<MoneyQueries.Payment> payments = money.run(runId);
            for (int f = 0; f < payments.size() / 100; f++) {
                commands.sendAndWait(new FailPayment(treasury, payments.get(f * 100).paymentId(), "returned"),
                        MetaData.with("actor", "benchmark"));
            }
            sequence = nextSequence(dataSource, treasury);
            System.out.printf(Locale.ROOT, "half-year %d: credits stored in %.1f s; payout run (%,d payments) in "
                    + "%.2f s (goal <= 10 s)%n", period + 1, creditSeconds, payments.size(), runSeconds);
            half = half.plusMonths(6);
        }
        long catchUp = System.nanoTime();
        projections.awaitCaughtUp(MoneyProjection.PROCESSING_GROUP, Duration.ofMinutes(30));
        System.out.printf(Locale.ROOT, "money projection caught up %.1f s after the last command%n", seconds(catchUp));

        Instant from = LocalDate.of(2026, 7, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = LocalDate.of(2027, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        long statementsStart = System.nanoTime();
        AtomicLong statements = new AtomicLong();
        AtomicLong lines = new AtomicLong();
        money.allStatements("USD", from, to, projections.position(MoneyProjection.PROCESSING_GROUP), s -> {
            statements.incrementAndGet();
            lines.addAndGet(s.lines().size());
            if (s.closingBalance() != s.openingBalance() + s.lines().stream().mapToLong(l -> l.amount()).sum()) {
                throw new IllegalStateException("statement of " + s.artistId() + " does not balance");
            }
        });
        System.out.printf(Locale.ROOT, "statements: %,d statements with %,d lines in %.1f s (goal <= 30 s)%n",
                statements.get(), lines.get(), seconds(statementsStart));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "heap: %,d MiB used after GC (whole JVM)%n",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }

    /** Ten allocations credited in one half-year, written as treasury events dated in that half-year. */
    private static long credit(DataSource dataSource, Serializer serializer, String treasury, long sequence,
                               String[] artists, Random random, Instant at, int period) throws Exception {
        SerializedObject<byte[]> meta = serializer.serialize(MetaData.with("actor", "benchmark"), byte[].class);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into domain_event_entry "
                    + "(event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                    + "payload_revision, payload, meta_data) values (?, ?, ?, 'Treasury', ?, ?, ?, ?, ?)")) {
                for (int a = 0; a < 10; a++) {
                    // Each allocation credits between 5% and 30% of all artists.
                    int size = artists.length / 20 + random.nextInt(artists.length / 4);
                    List<AllocationLine> lines = new ArrayList<>(size);
                    java.util.Set<Integer> chosen = new java.util.HashSet<>();
                    long pool = 0;
                    while (chosen.size() < size) {
                        int artist = random.nextInt(artists.length);
                        if (chosen.add(artist)) {
                            long amount = 100 + random.nextInt(20_000);
                            pool += amount;
                            lines.add(new AllocationLine(artists[artist], Fraction.of(1, size), amount));
                        }
                    }
                    SerializedObject<byte[]> payload = serializer.serialize(new AllocationCredited(treasury, "USD",
                            UUID.randomUUID().toString(), UUID.randomUUID().toString(), pool, lines), byte[].class);
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, treasury);
                    insert.setLong(3, sequence++);
                    insert.setString(4, at.plusSeconds(period * 10L + a).toString());
                    insert.setString(5, payload.getType().getName());
                    insert.setString(6, payload.getType().getRevision());
                    insert.setBytes(7, payload.getData());
                    insert.setBytes(8, meta.getData());
                    insert.executeUpdate();
                }
            }
            connection.commit();
        }
        return sequence;
    }

    private static long nextSequence(DataSource dataSource, String treasury) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(
                     "select max(sequence_number) + 1 from domain_event_entry where aggregate_identifier = ?")) {
            query.setString(1, treasury);
            try (var rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
