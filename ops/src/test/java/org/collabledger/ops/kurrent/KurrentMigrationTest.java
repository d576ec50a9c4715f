package org.collabledger.ops.kurrent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.collabledger.api.storage.EventSequencer;
import org.collabledger.api.storage.LedgerJdbcEventStorageEngine;
import org.collabledger.api.storage.LedgerSchema;
import org.collabledger.api.storage.StorageConfiguration;
import org.collabledger.api.storage.kurrent.KurrentEventStorageEngine;
import org.collabledger.api.storage.kurrent.KurrentStandIn;
import org.collabledger.domain.artist.ArtistEvent.ArtistProfileChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistRegistered;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migration from a JDBC store into KurrentDB (here the KurrentDB stand-in of the api tests,
 * which writes its own system events in between): an interrupted copy resumes where it stopped, the
 * copy verifies identical, a second run copies nothing, the aggregates read back alike through both
 * engines, and a changed byte in either store is reported.
 */
class KurrentMigrationTest {

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void anInterruptedCopyResumesAndTheCopyIsProvedIdentical() throws Exception {
        DataSource store =
                new DriverManagerDataSource(
                        "jdbc:h2:mem:migrate-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "sa",
                        "");
        LedgerSchema.migrate(store);
        Serializer serializer = JacksonSerializer.defaultSerializer();
        EventStorageEngine jdbc = jdbcEngine(store, serializer);
        List<String> aggregates = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            aggregates.add(UUID.randomUUID().toString());
        }
        // Interleaved aggregates, runs of several events of one aggregate, and an event no
        // aggregate applied.
        for (int round = 0; round < 8; round++) {
            for (String id : aggregates) {
                if (round == 0) {
                    jdbc.appendEvents(
                            event(
                                    id,
                                    0,
                                    new ArtistRegistered(id, "h-" + id, "Zoë « " + id + " »")));
                } else if (id.hashCode() % 3 == 0) {
                    jdbc.appendEvents(
                            event(id, 2L * round - 1, change(id, round)),
                            event(id, 2L * round, change(id, -round)));
                } else {
                    jdbc.appendEvents(event(id, round, change(id, round)));
                }
            }
            if (round == 4) {
                jdbc.appendEvents(
                        GenericEventMessage.asEventMessage("a notice no aggregate applied")
                                .andMetaData(MetaData.with("actor", "ops")));
            }
        }
        long total =
                new JdbcTemplate(store)
                        .queryForObject("select count(*) from domain_event_entry", Long.class);

        try (KurrentStandIn kurrentDb = KurrentStandIn.start(7)) {
            KurrentDBClient client =
                    KurrentDBClient.create(
                            KurrentDBConnectionString.parseOrThrow(kurrentDb.connectionString()));
            try {
                KurrentMigration.Copied first =
                        KurrentMigration.copy(store, client, 500, 100, QUIET);
                assertThat(first.events()).isEqualTo(100);
                assertThat(KurrentMigration.verify(store, client).identical()).isFalse();

                KurrentMigration.Copied rest =
                        KurrentMigration.copy(store, client, 500, Long.MAX_VALUE, QUIET);
                assertThat(rest.resumedAfter()).isPositive();
                assertThat(first.events() + rest.events()).isEqualTo(total);
                KurrentMigration.Verified verified = KurrentMigration.verify(store, client);
                assertThat(verified.identical())
                        .as(String.valueOf(verified.firstDifference()))
                        .isTrue();
                assertThat(verified.kurrentEvents()).isEqualTo(total);
                assertThat(verified.kurrentDigest()).isEqualTo(verified.jdbcDigest());
                assertThat(
                                KurrentMigration.copy(store, client, 500, Long.MAX_VALUE, QUIET)
                                        .events())
                        .isZero();

                EventStorageEngine kurrent =
                        KurrentEventStorageEngine.builder()
                                .writer(client)
                                .eventSerializer(serializer)
                                .snapshotSerializer(serializer)
                                .build();
                for (String id : aggregates) {
                    assertThat(messages(kurrent, id)).isEqualTo(messages(jdbc, id));
                }

                new JdbcTemplate(store)
                        .update(
                                "update domain_event_entry set payload = ? where global_index = ?",
                                "{\"artistId\":\"x\"}"
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                57);
                KurrentMigration.Verified altered = KurrentMigration.verify(store, client);
                assertThat(altered.identical()).isFalse();
                assertThat(altered.firstDifference()).contains("global index 57");
                assertThat(altered.jdbcDigest()).isNotEqualTo(altered.kurrentDigest());
            } finally {
                client.shutdown().get();
            }
        }
    }

    private static List<String> messages(EventStorageEngine engine, String id) {
        return engine.readEvents(id)
                .asStream()
                .map(
                        m ->
                                m.getIdentifier()
                                        + " "
                                        + m.getSequenceNumber()
                                        + " "
                                        + m.getType()
                                        + " "
                                        + m.getTimestamp()
                                        + " "
                                        + m.getPayload()
                                        + " "
                                        + m.getMetaData())
                .collect(Collectors.toList());
    }

    private static EventMessage<?> event(String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(
                "Artist", id, sequence, payload, MetaData.with("actor", "artist"));
    }

    private static ArtistProfileChanged change(String id, int round) {
        return new ArtistProfileChanged(id, "h-" + id, "Name " + round);
    }

    /** The ledger's JDBC engine, its events numbered as each append commits. */
    private static EventStorageEngine jdbcEngine(DataSource store, Serializer serializer) {
        return new LedgerJdbcEventStorageEngine(
                JdbcEventStorageEngine.builder()
                        .connectionProvider(store::getConnection)
                        .transactionManager(NoTransactionManager.INSTANCE)
                        .eventSerializer(serializer)
                        .snapshotSerializer(serializer)
                        .schema(StorageConfiguration.ledgerEventSchema()),
                new EventSequencer(
                        new JdbcTemplate(store),
                        new DataSourceTransactionManager(store),
                        () -> {}));
    }
}
