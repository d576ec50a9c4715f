package org.collabledger.ops.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.storage.EventSequencer;
import org.collabledger.domain.artist.ArtistEvent.ArtistRegistered;
import org.collabledger.domain.attribution.LineageAttribution;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.MediaType;
import org.collabledger.domain.record.RecordEvent.RecordRemixed;
import org.collabledger.domain.record.RecordEvent.RecordUploaded;
import org.collabledger.domain.release.AttributionPolicy;
import org.collabledger.domain.release.Selection;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.projections.attribution.AttributionQueries;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.lineage.LineageQueries;
import org.collabledger.projections.lineage.LineageQueries.Direction;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The lineage benchmark of issue 3: a generated lineage of N records (mostly originals; remix
 * chains up to 50 generations; fan-in up to 16 with Zipf-popular resources inside communities of
 * Zipf-skewed size) stored as real events in PostgreSQL, then: projection rebuild speed, heap held
 * by the graph, and p50/p99 of ancestors, descendants and family queries, beside the same queries
 * written as PostgreSQL recursive CTEs over the same edges. Prints figures; asserts nothing.
 */
public final class LineageBenchmark {

    private static final int MAX_GENERATION = 50;

    private LineageBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        LedgerApplication.quietAxon();
        System.out.printf(
                Locale.ROOT,
                "lineage benchmark: %,d records, %d cores, max heap %d MiB, %s, JVM flags %s%n",
                records,
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(flag -> flag.startsWith("-XX") || flag.startsWith("-Xm"))
                        .toList());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            // Batched inserts rewritten as multi-row statements, as the postgres profile's URL
            // should have too.
            String url =
                    postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
            try (ConfigurableApplicationContext ledger =
                    new SpringApplicationBuilder(LedgerApplication.class)
                            .profiles("postgres")
                            .run(
                                    "--server.port=0",
                                    "--spring.datasource.url=" + url,
                                    "--spring.datasource.username=postgres",
                                    "--spring.datasource.password=postgres",
                                    "--ledger.projections.batch-size=2000",
                                    "--logging.level.root=WARN",
                                    // The seal catching up on the generated history would compete
                                    // for the two cores.
                                    "--ledger.seal.interval=0s",
                                    "--spring.main.banner-mode=off")) {
                run(ledger, records);
            }
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        // Axon leaves a non-daemon janitor thread behind; the figures are printed, so end here.
        System.exit(0);
    }

    private static void run(ConfigurableApplicationContext ledger, int records) throws Exception {
        DataSource dataSource = ledger.getBean(DataSource.class);
        Serializer serializer = ledger.getBean("eventSerializer", Serializer.class);
        Projections projections = ledger.getBean(Projections.class);
        LineageQueries queries = ledger.getBean(LineageQueries.class);

        long started = System.nanoTime();
        Generated world = Generated.make(records, 42);
        long events = store(world, dataSource, serializer);
        // Rows written straight to the table are numbered by the sequencer, as a commit's own round
        // would.
        ledger.getBean(EventSequencer.class).numberCommitted();
        System.out.printf(
                Locale.ROOT,
                "setup: %,d events (%,d records, %,d citations, %,d artists) generated and "
                        + "stored in %.1f s%n",
                events,
                records,
                world.citationCount(),
                world.artists.length,
                seconds(started));

        gc();
        long heapBefore = usedHeap();
        long rebuildStart = System.nanoTime();
        projections.rebuild(LineageProjection.PROCESSING_GROUP);
        projections.awaitCaughtUp(LineageProjection.PROCESSING_GROUP, Duration.ofHours(1));
        double rebuildSeconds = seconds(rebuildStart);
        gc();
        long heapAfter = usedHeap();
        System.out.printf(
                Locale.ROOT,
                "rebuild: %,d events in %.1f s = %,.0f events/s (goal >= 100,000)%n",
                events,
                rebuildSeconds,
                events / rebuildSeconds);
        System.out.printf(
                Locale.ROOT,
                "heap: %,d MiB used after GC with the graph loaded (%,d MiB before the "
                        + "rebuild; whole JVM incl. Spring, Axon and PostgreSQL driver; goal < 1024)%n",
                heapAfter >> 20,
                heapBefore >> 20);

        try (Connection connection = dataSource.getConnection()) {
            // Fresh statistics, so PostgreSQL plans the CTEs as well as it can after the bulk load.
            connection.createStatement().execute("analyze");
        }
        long asOf = queries.position();
        List<Target> targets = world.targets();
        System.out.println();
        System.out.println(
                "| query | record | nodes | ledger p50 | ledger p99 | CTE p50 | CTE p99 | CTE/ledger (p50) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        try (Connection connection = dataSource.getConnection()) {
            for (Target target : targets) {
                UUID id = world.ids[target.record()];
                for (String kind : target.queries()) {
                    int iterations = target.iterations();
                    Supplier<Integer> ours =
                            switch (kind) {
                                case "ancestors" ->
                                        () ->
                                                queries.walk(
                                                                id,
                                                                Direction.ANCESTORS,
                                                                Integer.MAX_VALUE,
                                                                LineageQueries.MAX_LIMIT,
                                                                asOf)
                                                        .orElseThrow()
                                                        .nodes()
                                                        .size();
                                case "descendants" ->
                                        () ->
                                                queries.walk(
                                                                id,
                                                                Direction.DESCENDANTS,
                                                                Integer.MAX_VALUE,
                                                                LineageQueries.MAX_LIMIT,
                                                                asOf)
                                                        .orElseThrow()
                                                        .nodes()
                                                        .size();
                                default ->
                                        () ->
                                                queries.family(
                                                                id,
                                                                Integer.MAX_VALUE,
                                                                LineageQueries.MAX_LIMIT,
                                                                asOf)
                                                        .orElseThrow()
                                                        .nodes()
                                                        .size();
                            };
                    Supplier<Integer> cte = () -> cte(connection, kind, id);
                    int size = ours.get();
                    int cteSize = cte.get();
                    if (size != cteSize) {
                        throw new IllegalStateException(
                                kind
                                        + " of "
                                        + id
                                        + ": ledger finds "
                                        + size
                                        + " records, the CTE "
                                        + cteSize);
                    }
                    long[] ledgerNanos = time(ours, iterations);
                    long[] cteNanos = time(cte, Math.max(3, iterations / 20));
                    System.out.printf(
                            Locale.ROOT,
                            "| %s | %s | %,d | %s | %s | %s | %s | %.0f× |%n",
                            kind,
                            target.label(),
                            size,
                            ms(percentile(ledgerNanos, 50)),
                            ms(percentile(ledgerNanos, 99)),
                            ms(percentile(cteNanos, 50)),
                            ms(percentile(cteNanos, 99)),
                            (double) percentile(cteNanos, 50)
                                    / Math.max(1, percentile(ledgerNanos, 50)));
                }
            }
        }
        System.out.println();
        System.out.println(
                "goals: ancestors of a 50-generation record p99 <= 1 ms; >= 10x faster than the CTE");
        attributionBenchmark(world, ledger.getBean(AttributionQueries.class), asOf);
    }

    /**
     * Issue 4: attribution of releases of 500 selected records drawn over the whole lineage (the
     * deepest records among them), timed end to end on the in-memory lineage with exact fractions.
     */
    private static void attributionBenchmark(
            Generated world, AttributionQueries attribution, long asOf) {
        java.util.Random random = new java.util.Random(7);
        List<Integer> deep = new ArrayList<>();
        for (int r = 0; r < world.ids.length; r++) {
            if (world.generation[r] >= MAX_GENERATION - 10) {
                deep.add(r);
            }
        }
        AttributionPolicy policy =
                new AttributionPolicy(
                        AttributionPolicy.LINEAGE_V1,
                        Fraction.ONE_HALF,
                        List.of(world.artists[0].toString()));
        int releases = Integer.getInteger("bench.releases", 40);
        long[] nanos = new long[releases];
        java.math.BigInteger largest = java.math.BigInteger.ONE;
        int creditedRecords = 0;
        for (int i = -5; i < releases; i++) {
            java.util.LinkedHashSet<Integer> chosen = new java.util.LinkedHashSet<>();
            for (int d = 0; d < 50 && d < deep.size(); d++) {
                chosen.add(deep.get(random.nextInt(deep.size())));
            }
            while (chosen.size() < 500) {
                chosen.add(random.nextInt(world.ids.length));
            }
            List<Selection> selection =
                    chosen.stream()
                            .map(
                                    r ->
                                            new Selection(
                                                    world.ids[r].toString(),
                                                    1 + random.nextInt(10),
                                                    "music"))
                            .toList();
            long start = System.nanoTime();
            LineageAttribution.Result result = attribution.attribute(selection, policy, asOf, asOf);
            long took = System.nanoTime() - start;
            if (i >= 0) {
                nanos[i] = took;
                largest = largest.max(result.largestDenominator());
                creditedRecords = Math.max(creditedRecords, result.records().size());
            }
        }
        Arrays.sort(nanos);
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "attribution: %d releases of 500 selected records (50 of them %d+ generations "
                        + "deep), up to %,d credited records: p50 %s, p99 %s (goal p99 <= 50 ms); largest "
                        + "denominator met: %d digits (%s)%n",
                releases,
                MAX_GENERATION - 10,
                creditedRecords,
                ms(percentile(nanos, 50)),
                ms(percentile(nanos, 99)),
                largest.toString().length(),
                largest.bitLength() <= 64
                        ? largest.toString()
                        : largest.toString().substring(0, 20) + "…");
    }

    /**
     * What a user would otherwise write: a recursive CTE over the same citations table, returning
     * the same records with their title, media type, creator and takedown, as the ledger's answer
     * does.
     */
    private static int cte(Connection connection, String kind, UUID id) {
        String sql =
                switch (kind) {
                    case "ancestors" ->
                            """
                    with recursive up(id) as (
                        select record_id from lineage_record where record_id = ?
                        union
                        select c.resource_id from lineage_citation c join up on c.record_id = up.id
                        where c.removed_at is null)
                    select up.id, r.title, r.media_type, r.creator_id, r.taken_down_at
                    from up join lineage_record r on r.record_id = up.id""";
                    case "descendants" ->
                            """
                    with recursive down(id) as (
                        select record_id from lineage_record where record_id = ?
                        union
                        select c.record_id from lineage_citation c join down on c.resource_id = down.id
                        where c.removed_at is null)
                    select down.id, r.title, r.media_type, r.creator_id, r.taken_down_at
                    from down join lineage_record r on r.record_id = down.id""";
                    default ->
                            """
                    with recursive fam(id) as (
                        select record_id from lineage_record where record_id = ?
                        union
                        select n.id from fam cross join lateral (
                            select c.resource_id as id from lineage_citation c
                            where c.record_id = fam.id and c.removed_at is null
                            union all
                            select c.record_id from lineage_citation c
                            where c.resource_id = fam.id and c.removed_at is null) n)
                    select fam.id, r.title, r.media_type, r.creator_id, r.taken_down_at
                    from fam join lineage_record r on r.record_id = fam.id""";
                };
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id.toString());
            try (ResultSet rs = statement.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rs.getString(1);
                    rs.getString(2);
                    rs.getString(4);
                    rows++;
                }
                return rows;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("CTE failed", e);
        }
    }

    /**
     * Writes the generated world as real event rows, serialized exactly as the ledger stores them.
     */
    private static long store(Generated world, DataSource dataSource, Serializer serializer)
            throws Exception {
        String sql =
                "insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) values (?, ?, 0, ?, ?, ?, ?, ?, ?)";
        SerializedObject<byte[]> meta =
                serializer.serialize(
                        MetaData.with("actor", "benchmark")
                                .and("correlationId", "lineage-benchmark"),
                        byte[].class);
        long count = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                String now = Instant.now().toString();
                for (int a = 0; a < world.artists.length; a++) {
                    add(
                            insert,
                            serializer,
                            meta,
                            world.artists[a].toString(),
                            "Artist",
                            now,
                            new ArtistRegistered(
                                    world.artists[a].toString(), "artist" + a, "Artist " + a));
                    count++;
                }
                for (int r = 0; r < world.ids.length; r++) {
                    String id = world.ids[r].toString();
                    String creator = world.artists[world.creators[r]].toString();
                    MediaType media = MediaType.values()[r % 4];
                    String digest = String.format(Locale.ROOT, "%064x", r);
                    String uri = "https://media.example/" + r;
                    Object event =
                            world.resources[r].length == 0
                                    ? new RecordUploaded(
                                            id, creator, "Record " + r, media, digest, uri)
                                    : new RecordRemixed(
                                            id,
                                            creator,
                                            "Remix " + r,
                                            media,
                                            digest,
                                            uri,
                                            citations(world, r));
                    add(insert, serializer, meta, id, "Record", now, event);
                    if (++count % 5000 == 0) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        }
        return count;
    }

    private static List<Citation> citations(Generated world, int record) {
        List<Citation> citations = new ArrayList<>(world.resources[record].length);
        for (int i = 0; i < world.resources[record].length; i++) {
            citations.add(
                    new Citation(
                            world.ids[world.resources[record][i]].toString(),
                            world.weights[record][i]));
        }
        return citations;
    }

    private static void add(
            PreparedStatement insert,
            Serializer serializer,
            SerializedObject<byte[]> meta,
            String aggregateId,
            String aggregateType,
            String now,
            Object event)
            throws Exception {
        SerializedObject<byte[]> payload = serializer.serialize(event, byte[].class);
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, aggregateId);
        insert.setString(3, aggregateType);
        insert.setString(4, now);
        insert.setString(5, payload.getType().getName());
        insert.setString(6, payload.getType().getRevision());
        insert.setBytes(7, payload.getData());
        insert.setBytes(8, meta.getData());
        insert.addBatch();
    }

    private static long[] time(Supplier<Integer> query, int iterations) {
        for (int i = 0; i < Math.min(50, iterations); i++) {
            query.get();
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            query.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void gc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** A query target: which record, which queries, how many timed iterations. */
    record Target(String label, int record, List<String> queries, int iterations) {}

    /** The generated lineage: records in creation order with their creators and cited resources. */
    static final class Generated {
        UUID[] ids;
        UUID[] artists;
        int[] creators;
        int[][] resources;
        int[][] weights;
        int[] generation;
        int[] community;
        int[] communityStart;
        int[] communitySize;

        long citationCount() {
            long total = 0;
            for (int[] r : resources) {
                total += r.length;
            }
            return total;
        }

        /**
         * Communities of Zipf-skewed size (the largest ~10% of all records) so families come small,
         * medium and huge. Inside one, 75% of records are originals; a remix cites 1-16 earlier
         * records of its community, Zipf-popular by age, and often continues a chain, up to 50
         * generations.
         */
        static Generated make(int n, long seed) {
            java.util.Random random = new java.util.Random(seed);
            Generated g = new Generated();
            g.ids = new UUID[n];
            g.creators = new int[n];
            g.resources = new int[n][];
            g.weights = new int[n][];
            g.generation = new int[n];
            g.community = new int[n];
            g.artists = new UUID[Math.max(10, n / 50)];
            for (int a = 0; a < g.artists.length; a++) {
                g.artists[a] = new UUID(random.nextLong(), random.nextLong());
            }
            List<Integer> sizes = new ArrayList<>();
            int placed = 0;
            int largest = Math.max(10, n / 10);
            for (int k = 1; placed < n; k++) {
                int size = Math.min(n - placed, Math.max(4, largest / k));
                sizes.add(size);
                placed += size;
            }
            g.communityStart = new int[sizes.size()];
            g.communitySize = new int[sizes.size()];
            int at = 0;
            for (int c = 0; c < sizes.size(); c++) {
                g.communityStart[c] = at;
                g.communitySize[c] = sizes.get(c);
                int chainTip = -1;
                for (int i = 0; i < sizes.get(c); i++) {
                    int r = at + i;
                    g.ids[r] = new UUID(random.nextLong(), random.nextLong());
                    g.creators[r] = random.nextInt(g.artists.length);
                    g.community[r] = c;
                    if (i < 3 || random.nextInt(4) != 0) {
                        g.resources[r] = new int[0];
                        g.weights[r] = new int[0];
                        continue;
                    }
                    int fanIn = 1;
                    while (fanIn < 16 && random.nextInt(3) == 0) {
                        fanIn++;
                    }
                    java.util.LinkedHashSet<Integer> cited = new java.util.LinkedHashSet<>();
                    if (chainTip >= 0
                            && g.generation[chainTip] < MAX_GENERATION
                            && random.nextInt(10) != 0) {
                        cited.add(chainTip);
                    }
                    for (int tries = 0; cited.size() < fanIn && tries < fanIn * 4; tries++) {
                        int candidate = at + zipf(random, i);
                        if (g.generation[candidate] < MAX_GENERATION) {
                            cited.add(candidate);
                        }
                    }
                    g.resources[r] = cited.stream().mapToInt(Integer::intValue).toArray();
                    g.weights[r] = new int[g.resources[r].length];
                    int generation = 0;
                    for (int j = 0; j < g.resources[r].length; j++) {
                        g.weights[r][j] = 1 + (random.nextInt(5) == 0 ? random.nextInt(4) : 0);
                        generation = Math.max(generation, g.generation[g.resources[r][j]] + 1);
                    }
                    g.generation[r] = generation;
                    chainTip = generation < MAX_GENERATION ? r : -1;
                }
                at += sizes.get(c);
            }
            return g;
        }

        /**
         * A rank in [0, bound) with probability falling as 1/(rank+1): the oldest records are the
         * most cited.
         */
        private static int zipf(java.util.Random random, int bound) {
            double u = random.nextDouble();
            int rank = (int) Math.floor(Math.pow(bound + 1, u)) - 1;
            return Math.min(bound - 1, Math.max(0, rank));
        }

        /** The deepest record, and remixes whose families are small, medium and the largest. */
        List<Target> targets() {
            int deepest = 0;
            for (int r = 0; r < ids.length; r++) {
                if (generation[r] > generation[deepest]) {
                    deepest = r;
                }
            }
            List<Target> targets = new ArrayList<>();
            targets.add(
                    new Target(
                            "deepest (generation " + generation[deepest] + ")",
                            deepest,
                            List.of("ancestors"),
                            2000));
            int small = communitySize.length - 2;
            targets.add(
                    new Target(
                            "small community (" + communitySize[small] + "), newest remix",
                            lastRemix(small),
                            List.of("ancestors"),
                            2000));
            targets.add(
                    new Target(
                            "small community (" + communitySize[small] + "), first record",
                            communityStart[small],
                            List.of("descendants", "family"),
                            2000));
            int medium = Math.min(communitySize.length - 1, 30);
            targets.add(
                    new Target(
                            "medium community (" + communitySize[medium] + "), newest remix",
                            lastRemix(medium),
                            List.of("ancestors"),
                            500));
            targets.add(
                    new Target(
                            "medium community (" + communitySize[medium] + "), first record",
                            communityStart[medium],
                            List.of("descendants", "family"),
                            500));
            targets.add(
                    new Target(
                            "largest community (" + communitySize[0] + "), its first record",
                            communityStart[0],
                            List.of("descendants", "family"),
                            20));
            return targets;
        }

        private int lastRemix(int c) {
            for (int r = communityStart[c] + communitySize[c] - 1; r >= communityStart[c]; r--) {
                if (resources[r].length > 0) {
                    return r;
                }
            }
            return communityStart[c];
        }
    }
}
