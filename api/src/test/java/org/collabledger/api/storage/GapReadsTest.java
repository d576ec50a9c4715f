package org.collabledger.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.collabledger.api.support.Postgres;
import org.collabledger.projections.GlobalPosition;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A projection whose token has gaps gets the gap events committed since and the next batch, in global order,
 * on both databases, each late one carrying its own position; and on H2 that read looks up only the rows it
 * returns instead of reading the whole table.
 */
class GapReadsTest {

    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    @Test
    void onH2TheGapsAndTheNextBatchComeInGlobalOrder() {
        DataSource h2 = h2("gap-reads-order");
        assertThat(readFrom(storeEvents(h2, "schema-h2.sql", 30, 5))).containsExactlyElementsOf(expectedAfterTen());
    }

    @Test
    void onPostgresTheGapsAndTheNextBatchComeInGlobalOrder() {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(Postgres.newDatabase());
        postgres.setUser("postgres");
        postgres.setPassword("postgres");
        assertThat(readFrom(storeEvents(postgres, "schema-postgresql.sql", 30, 5)))
                .containsExactlyElementsOf(expectedAfterTen());
    }

    @Test
    void anEventReadAfterHigherOnesCarriesItsOwnPositionAndNoOtherDoes() {
        Map<String, Long> late = new TreeMap<>();
        for (TrackedEventMessage<?> event : readAfterTenMissingFourAndSeven(
                storeEvents(h2("gap-reads-late"), "schema-h2.sql", 30, 5))) {
            Object position = event.getMetaData().get(GlobalPosition.LATE_COMMIT);
            if (position != null) {
                late.put((String) event.getPayload(), ((Number) position).longValue());
            }
            assertThat(event.getMetaData()).containsEntry("actor", "test");
        }
        // 4 and 7 come with the token at 10; 11 to 30 are each at their token's own position.
        assertThat(late).containsExactly(Map.entry("event 4", 4L), Map.entry("event 7", 7L));
    }

    @Test
    void theLateCommitPositionIsAddedToMissingEmptyAndFullMetadata() {
        assertThat(new String(LedgerJdbcEventStorageEngine.withLateCommit(null, 3), StandardCharsets.UTF_8))
                .isEqualTo("{\"" + GlobalPosition.LATE_COMMIT + "\":3}");
        assertThat(new String(LedgerJdbcEventStorageEngine.withLateCommit("{}".getBytes(StandardCharsets.UTF_8), 4),
                StandardCharsets.UTF_8)).isEqualTo("{\"" + GlobalPosition.LATE_COMMIT + "\":4}");
        assertThat(new String(LedgerJdbcEventStorageEngine.withLateCommit(
                "{\"actor\":\"ana\"}".getBytes(StandardCharsets.UTF_8), 12), StandardCharsets.UTF_8))
                .isEqualTo("{\"actor\":\"ana\",\"" + GlobalPosition.LATE_COMMIT + "\":12}");
    }

    @Test
    void onH2AReadWithGapsLooksUpOnlyTheRowsItReturns() throws Exception {
        DataSource h2 = h2("gap-reads-scan");
        storeEvents(h2, "schema-h2.sql", 2_000, 100);
        try (Connection connection = h2.getConnection();
             PreparedStatement explain = connection.prepareStatement("explain analyze "
                     + LedgerJdbcEventStorageEngine.gapQuery(StorageConfiguration.ledgerEventSchema(), 2))) {
            explain.setLong(1, 1_500);
            explain.setLong(2, 1_600);
            explain.setLong(3, 1_400);
            explain.setLong(4, 1_450);
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                Matcher scans = SCAN_COUNT.matcher(plan.getString(1));
                long scanned = 0;
                while (scans.find()) {
                    scanned += Long.parseLong(scans.group(1));
                }
                // 102 rows come back; H2 counts one more step per lookup at the end of each range.
                assertThat(scanned).as(plan.getString(1)).isBetween(102L, 110L);
            }
        }
    }

    private static List<Long> expectedAfterTen() {
        List<Long> expected = new ArrayList<>(List.of(4L, 7L));
        IntStream.rangeClosed(11, 30).forEach(i -> expected.add((long) i));
        return expected;
    }

    /**
     * The global positions of the events read after a token at 10 that has not seen 4 and 7, taken from their
     * payloads: the token of a gap's event stays at 10.
     */
    private static List<Long> readFrom(LedgerJdbcEventStorageEngine engine) {
        return readAfterTenMissingFourAndSeven(engine).stream()
                .map(event -> Long.parseLong(((String) event.getPayload()).substring("event ".length())))
                .toList();
    }

    /** Everything a reader whose token is at 10, without 4 and 7, reads next, in the order it reads it. */
    private static List<TrackedEventMessage<?>> readAfterTenMissingFourAndSeven(LedgerJdbcEventStorageEngine engine) {
        try (var events = engine.readEvents(GapAwareTrackingToken.newInstance(10, Set.of(4L, 7L)), false)) {
            return events.<TrackedEventMessage<?>>map(event -> event).toList();
        }
    }

    private static DataSource h2(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** The ledger's schema and engine on {@code dataSource}, holding {@code count} events at positions 1 to count. */
    private static LedgerJdbcEventStorageEngine storeEvents(DataSource dataSource, String schemaScript, int count,
                                                            int batchSize) {
        LedgerSchema.migrate(dataSource);
        LedgerJdbcEventStorageEngine engine = new LedgerJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(dataSource::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(StorageConfiguration.ledgerEventSchema())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .batchSize(batchSize));
        engine.appendEvents(IntStream.rangeClosed(1, count)
                .mapToObj(i -> new GenericDomainEventMessage<>("Test", "aggregate", i - 1L, "event " + i,
                        MetaData.with("actor", "test")))
                .toList());
        return engine;
    }
}
