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
import org.collabledger.domain.allocation.AllocationCommand.FinalizeAllocation;
import org.collabledger.domain.allocation.AllocationEvent.AllocationProposed;
import org.collabledger.domain.allocation.AllocationLine;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.treasury.Treasury;
import org.collabledger.domain.treasury.TreasuryCommand.FailPayment;
import org.collabledger.domain.treasury.TreasuryCommand.RunPayout;
import org.collabledger.projections.money.MoneyProjection;
import org.collabledger.projections.money.MoneyQueries;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The money benchmark of issue 5: 100,000 artists with two years of activity (four half-years, each
 * with ten allocations finalized through the command bus crediting thousands of artists, a payout
 * run and 1% failed payments) on PostgreSQL; prints the time of each payout run, the money
 * projection's catch-up, every artist's statement, and the heap. Asserts nothing.
 */
public final class MoneyBenchmark {

    private MoneyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int artists = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        LedgerApplication.quietAxon();
        System.out.printf(
                Locale.ROOT,
                "money benchmark: %,d artists, 2 years, %d cores, max heap %d MiB%n",
                artists,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url =
                    postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
            try (ConfigurableApplicationContext ledger =
                    new SpringApplicationBuilder(LedgerApplication.class)
                            .run(
                                    "--server.port=0",
                                    "--spring.datasource.url=" + url,
                                    "--spring.datasource.username=postgres",
                                    "--spring.datasource.password=postgres",
                                    "--spring.profiles.active=postgres",
                                    "--ledger.projections.batch-size=2000",
                                    "--logging.level.root=WARN",
                                    // The seal catching up on the generated history would compete
                                    // for the two cores.
                                    "--ledger.seal.interval=0s",
                                    "--spring.main.banner-mode=off")) {
                run(ledger, artists);
            }
        }
        // Axon leaves a non-daemon janitor thread behind; the figures are printed, so end here.
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext ledger, int artistCount)
            throws Exception {
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
        for (int period = 0; period < 4; period++) {
            long started = System.nanoTime();
            credit(dataSource, serializer, commands, artists, random, Instant.now());
            double creditSeconds = seconds(started);
            String runId = UUID.randomUUID().toString();
            long runStart = System.nanoTime();
            commands.sendAndWait(
                    new RunPayout(
                            treasury,
                            runId,
                            null,
                            "bank-transfer",
                            "batch-" + period,
                            Instant.now()),
                    MetaData.with("actor", "benchmark"));
            double runSeconds = seconds(runStart);
            projections.awaitCaughtUp(MoneyProjection.PROCESSING_GROUP, Duration.ofMinutes(30));
            List<MoneyQueries.Payment> payments = money.run(runId);
            for (int f = 0; f < payments.size() / 100; f++) {
                commands.sendAndWait(
                        new FailPayment(treasury, payments.get(f * 100).paymentId(), "returned"),
                        MetaData.with("actor", "benchmark"));
            }
            System.out.printf(
                    Locale.ROOT,
                    "half-year %d: ten allocations finalized and credited in %.1f s; payout run (%,d payments) in "
                            + "%.2f s (goal <= 10 s)%n",
                    period + 1,
                    creditSeconds,
                    payments.size(),
                    runSeconds);
        }
        long catchUp = System.nanoTime();
        projections.awaitCaughtUp(MoneyProjection.PROCESSING_GROUP, Duration.ofMinutes(30));
        System.out.printf(
                Locale.ROOT,
                "money projection caught up %.1f s after the last command%n",
                seconds(catchUp));

        // Everything above happened now, so the statements of this half-year hold all two years of
        // lines.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate halfStart = LocalDate.of(today.getYear(), today.getMonthValue() <= 6 ? 1 : 7, 1);
        Instant from = halfStart.atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = halfStart.plusMonths(6).atStartOfDay().toInstant(ZoneOffset.UTC);
        long statementsStart = System.nanoTime();
        AtomicLong statements = new AtomicLong();
        AtomicLong lines = new AtomicLong();
        money.allStatements(
                "USD",
                from,
                to,
                projections.position(MoneyProjection.PROCESSING_GROUP),
                s -> {
                    statements.incrementAndGet();
                    lines.addAndGet(s.lines().size());
                    if (s.closingBalance()
                            != s.openingBalance()
                                    + s.lines().stream().mapToLong(l -> l.amount()).sum()) {
                        throw new IllegalStateException(
                                "statement of " + s.artistId() + " does not balance");
                    }
                });
        System.out.printf(
                Locale.ROOT,
                "statements: %,d statements with %,d lines in %.1f s (goal <= 30 s)%n",
                statements.get(),
                lines.get(),
                seconds(statementsStart));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "heap: %,d MiB used after GC (whole JVM)%n",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20);
    }

    /**
     * Ten allocations credited in one half-year, through the real path: each allocation's proposal
     * is stored as its first event, then finalized by a command that credits the treasury.
     */
    private static void credit(
            DataSource dataSource,
            Serializer serializer,
            CommandGateway commands,
            String[] artists,
            Random random,
            Instant proposedAt)
            throws Exception {
        SerializedObject<byte[]> meta =
                serializer.serialize(MetaData.with("actor", "benchmark"), byte[].class);
        List<String> allocations = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert =
                    connection.prepareStatement(
                            "insert into domain_event_entry "
                                    + "(event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                                    + "payload_revision, payload, meta_data) values (?, ?, 0, 'Allocation', ?, ?, ?, ?, ?)")) {
                for (int a = 0; a < 10; a++) {
                    // Each allocation credits between 5% and 30% of all artists.
                    int size = artists.length / 20 + random.nextInt(artists.length / 4);
                    java.util.Map<Integer, Long> amounts = new java.util.LinkedHashMap<>();
                    long pool = 0;
                    while (amounts.size() < size) {
                        long amount = 100 + random.nextInt(20_000);
                        if (amounts.putIfAbsent(random.nextInt(artists.length), amount) == null) {
                            pool += amount;
                        }
                    }
                    // Shares consistent with the amounts: each artist's amount over the pool.
                    List<AllocationLine> lines = new ArrayList<>(size);
                    for (var entry : amounts.entrySet()) {
                        lines.add(
                                new AllocationLine(
                                        artists[entry.getKey()],
                                        Fraction.of(entry.getValue(), pool),
                                        entry.getValue()));
                    }
                    String allocationId = UUID.randomUUID().toString();
                    SerializedObject<byte[]> payload =
                            serializer.serialize(
                                    new AllocationProposed(
                                            allocationId,
                                            UUID.randomUUID().toString(),
                                            "USD",
                                            pool,
                                            lines,
                                            0,
                                            proposedAt,
                                            0,
                                            proposedAt),
                                    byte[].class);
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, allocationId);
                    insert.setString(3, proposedAt.toString());
                    insert.setString(4, payload.getType().getName());
                    insert.setString(5, payload.getType().getRevision());
                    insert.setBytes(6, payload.getData());
                    insert.setBytes(7, meta.getData());
                    insert.executeUpdate();
                    allocations.add(allocationId);
                }
            }
            connection.commit();
        }
        for (String allocationId : allocations) {
            commands.sendAndWait(
                    new FinalizeAllocation(allocationId, Instant.now()),
                    MetaData.with("actor", "benchmark"));
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
