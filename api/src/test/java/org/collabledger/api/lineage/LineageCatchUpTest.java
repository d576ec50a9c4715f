package org.collabledger.api.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.collabledger.api.storage.LedgerSchema;
import org.collabledger.domain.record.MediaType;
import org.collabledger.projections.lineage.LineageFact;
import org.collabledger.projections.lineage.LineageFact.CitationAdded;
import org.collabledger.projections.lineage.LineageFact.RecordAdded;
import org.collabledger.projections.lineage.LineageFact.TakenDown;
import org.collabledger.projections.lineage.LineageGraph;
import org.collabledger.projections.lineage.LineageStore;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Memory catching up with the lineage tables another node's processor writes: the facts between
 * memory's position and the stored one arrive once, in order; tables that went back (rebuilt
 * elsewhere) are read whole.
 */
class LineageCatchUpTest {

    private static final UUID ARTIST = UUID.randomUUID();

    private final LineageStore store = store();

    @Test
    void aFollowerAppliesTheFactsAboveItsPositionOnce() {
        UUID early = UUID.randomUUID();
        store.write(List.of(record(early, 2)));
        store.savePosition(5);
        LineageGraph follower = new LineageGraph();
        store.load(follower);

        UUID upload = UUID.randomUUID();
        store.write(List.of(record(upload, 6)));
        UUID remix = remixOf(upload, 7);
        store.write(List.of(new TakenDown(early, 8)));
        store.savePosition(8);
        store.catchUp(follower);

        assertThat(follower.position()).isEqualTo(8);
        assertThat(follower.nodeCount()).isEqualTo(3);
        assertThat(follower.citation(remix, upload, 7)).isNotNegative();
        assertThat(follower.takenDownAt(follower.node(early, 8))).isEqualTo(8);
        store.catchUp(follower);
        assertThat(follower.nodeCount()).as("a second catch-up finds nothing to do").isEqualTo(3);
        assertThat(follower.edgeCount()).isEqualTo(1);
    }

    @Test
    void aFollowerAheadOfTheTablesReadsThemWhole() {
        store.write(List.of(record(UUID.randomUUID(), 2)));
        store.savePosition(2);
        LineageGraph follower = new LineageGraph();
        follower.write(
                () -> {
                    follower.apply(record(UUID.randomUUID(), 1));
                    follower.apply(record(UUID.randomUUID(), 3));
                    follower.advanceTo(3);
                });

        store.catchUp(follower);

        assertThat(follower.position()).isEqualTo(2);
        assertThat(follower.nodeCount()).isEqualTo(1);
    }

    private static LineageStore store() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lineage-catch-up-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        LedgerSchema.migrate(h2);
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        return new LineageStore(jdbc, LineageStore.batchedInserts(jdbc));
    }

    /**
     * Stores a remix of {@code resource} at {@code at}, its record and its citation, and returns
     * its id.
     */
    private UUID remixOf(UUID resource, long at) {
        UUID remix = UUID.randomUUID();
        store.write(
                List.of(
                        record(remix, at),
                        new CitationAdded(remix, resource, 1, at, UUID.randomUUID())));
        return remix;
    }

    private static LineageFact record(UUID id, long at) {
        return new RecordAdded(id, ARTIST, "take " + at, MediaType.AUDIO, at, UUID.randomUUID());
    }
}
