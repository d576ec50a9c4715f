package org.collabledger.api.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.collabledger.domain.record.MediaType;
import org.collabledger.projections.lineage.LineageGraph;
import org.collabledger.projections.lineage.LineageStore;
import org.collabledger.projections.lineage.LineageStore.CitationRow;
import org.collabledger.projections.lineage.LineageStore.RecordRow;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Memory catching up with the lineage tables another node's processor writes: facts that processor wrote
 * below the position it had saved (late commits) reach memory too, once; and a fact that depends on one
 * this catch-up cannot read has the graph read again whole, not left half-applied for every later catch-up
 * to trip over.
 */
class LineageCatchUpTest {

    private static final UUID ARTIST = UUID.randomUUID();

    private final LineageStore store = store(UUID.randomUUID().toString());

    /**
     * A remix of a record whose upload committed late, below memory's position, with no entry in the late log
     * (as the tables of a store written before the log existed): the graph is reloaded.
     */
    @Test
    void aRangeThatCitesALateCommitBelowItReloadsTheGraphWhole() {
        Remixed stored = remixOfALateUpload(2);
        store.savePosition(6, List.of());
        // Memory stands at 4 with the upload at 2 but not the one at 3, which committed after 4 was read.
        LineageGraph graph = new LineageGraph();
        graph.write(() -> {
            graph.addRecord(stored.other(), ARTIST, "early", MediaType.AUDIO, 2, UUID.randomUUID());
            graph.advanceTo(4);
        });

        store.catchUp(graph);

        assertThat(graph.position()).isEqualTo(6);
        assertThat(graph.nodeCount()).isEqualTo(3);
        assertThat(graph.edgeCount()).isEqualTo(1);
        int edge = graph.resourceEdge(graph.node(stored.remix(), 6), 0);
        assertThat(graph.id(graph.edgeResource(edge))).isEqualTo(stored.late());
        store.catchUp(graph);
        assertThat(graph.nodeCount()).as("a second catch-up finds nothing to do").isEqualTo(3);
    }

    /**
     * A follower at 5 while the processor writes a late upload at 3, a remix of it at 7, and a late takedown at
     * 4 of the record at 2: the follower applies all three, and a second catch-up has nothing to do.
     */
    @Test
    void aFollowerAppliesTheFactsCommittedLateBelowItsPosition() {
        UUID early = UUID.randomUUID();
        UUID fifth = UUID.randomUUID();
        store.insertRecords(List.of(row(early, 2), row(fifth, 5)));
        assertThat(store.savePosition(5, List.of())).isZero();
        LineageGraph follower = new LineageGraph();
        store.load(follower);
        assertThat(follower.position()).isEqualTo(5);

        UUID late = UUID.randomUUID();
        store.insertRecords(List.of(row(late, 3)));
        UUID remix = remixOf(late, 7);
        store.takeDown(early, 4);
        assertThat(store.savePosition(7, List.of(3L, 4L))).isEqualTo(2);

        store.catchUp(follower);

        assertThat(follower.position()).isEqualTo(7);
        assertThat(follower.lateApplied()).isEqualTo(2);
        assertThat(follower.nodeCount()).isEqualTo(4);
        assertThat(follower.citation(remix, late, 7)).isNotNegative();
        assertThat(follower.takenDownAt(follower.node(early, 7))).isEqualTo(4);
        assertThat(follower.node(fifth, 7)).as("applied in place, not reloaded").isEqualTo(1);
        store.catchUp(follower);
        assertThat(follower.nodeCount()).isEqualTo(4);
        assertThat(follower.edgeCount()).isEqualTo(1);
    }

    /**
     * A late commit that memory already holds (a range read saw it before its log entry was counted) is not
     * applied twice, and the graph is not reloaded for it.
     */
    @Test
    void aLateCommitMemoryAlreadyHoldsIsNotAppliedTwice() {
        Remixed stored = remixOfALateUpload(5);
        store.savePosition(6, List.of(3L));
        LineageGraph follower = new LineageGraph();
        follower.write(() -> {
            // In the order a range read and an earlier log entry brought them: not the order a reload numbers.
            follower.addRecord(stored.other(), ARTIST, "take 5", MediaType.AUDIO, 5, UUID.randomUUID());
            follower.addRecord(stored.late(), ARTIST, "take 3", MediaType.AUDIO, 3, UUID.randomUUID());
            follower.addRecord(stored.remix(), ARTIST, "take 6", MediaType.AUDIO, 6, UUID.randomUUID());
            follower.addCitation(stored.remix(), stored.late(), 1, 6, UUID.randomUUID());
            follower.advanceTo(6);
        });

        store.catchUp(follower);

        assertThat(follower.lateApplied()).isEqualTo(1);
        assertThat(follower.nodeCount()).isEqualTo(3);
        assertThat(follower.edgeCount()).isEqualTo(1);
        assertThat(follower.node(stored.other(), 6)).as("not reloaded").isZero();
    }

    /** A rebuild empties the log with the tables, so a follower that had applied late commits reloads. */
    @Test
    void aFollowerReloadsWhenTheLogWentBack() {
        UUID first = UUID.randomUUID();
        store.insertRecords(List.of(row(first, 4), row(UUID.randomUUID(), 2)));
        store.savePosition(4, List.of(2L));
        LineageGraph follower = new LineageGraph();
        store.load(follower);
        assertThat(follower.lateApplied()).isEqualTo(1);

        store.clear();
        store.insertRecords(List.of(row(first, 4), row(UUID.randomUUID(), 6)));
        store.savePosition(6, List.of());
        store.catchUp(follower);

        assertThat(follower.lateApplied()).isZero();
        assertThat(follower.position()).isEqualTo(6);
        assertThat(follower.nodeCount()).isEqualTo(2);
    }

    private static LineageStore store(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lineage-catch-up-" + name + ";DB_CLOSE_DELAY=-1");
        org.collabledger.api.storage.LedgerSchema.migrate(h2);
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        return new LineageStore(jdbc, LineageStore.batchedInserts(jdbc));
    }

    /** A record at another position, an upload at 3, and a remix of it at 6. */
    private record Remixed(UUID other, UUID late, UUID remix) {
    }

    private Remixed remixOfALateUpload(long otherAt) {
        UUID other = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        store.insertRecords(List.of(row(other, otherAt), row(late, 3)));
        return new Remixed(other, late, remixOf(late, 6));
    }

    /** Stores a remix of {@code resource} at {@code at}, its record and its citation, and returns its id. */
    private UUID remixOf(UUID resource, long at) {
        UUID remix = UUID.randomUUID();
        store.insertRecords(List.of(row(remix, at)));
        store.insertCitations(List.of(new CitationRow(remix, resource, 1, at, UUID.randomUUID())));
        return remix;
    }

    private static RecordRow row(UUID id, long at) {
        return new RecordRow(id, ARTIST, "take " + at, MediaType.AUDIO, at, UUID.randomUUID());
    }
}
