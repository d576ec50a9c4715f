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
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Memory catching up with the lineage tables, when a fact in the range depends on one committed late below
 * memory's position (a remix of a record whose upload committed after events above it): the graph is read
 * again whole, not left half-applied for every later catch-up to trip over.
 */
class LineageCatchUpTest {

    private static final UUID ARTIST = UUID.randomUUID();

    @Test
    void aRangeThatCitesALateCommitBelowItReloadsTheGraphWhole() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:lineage-catch-up;DB_CLOSE_DELAY=-1");
        new ResourceDatabasePopulator(new ClassPathResource("schema-h2.sql")).execute(h2);
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        LineageStore store = new LineageStore(jdbc, LineageStore.batchedInserts(jdbc));

        UUID early = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        UUID remix = UUID.randomUUID();
        store.insertRecords(List.of(row(early, 2), row(late, 3), row(remix, 6)));
        store.insertCitations(List.of(new CitationRow(remix, late, 1, 6, UUID.randomUUID())));
        store.savePosition(6);
        // Memory stands at 4 with the upload at 2 but not the one at 3, which committed after 4 was read.
        LineageGraph graph = new LineageGraph();
        graph.write(() -> {
            graph.addRecord(early, ARTIST, "early", MediaType.AUDIO, 2, UUID.randomUUID());
            graph.advanceTo(4);
        });

        store.catchUp(graph);

        assertThat(graph.position()).isEqualTo(6);
        assertThat(graph.nodeCount()).isEqualTo(3);
        assertThat(graph.edgeCount()).isEqualTo(1);
        int edge = graph.resourceEdge(graph.node(remix, 6), 0);
        assertThat(graph.id(graph.edgeResource(edge))).isEqualTo(late);
        store.catchUp(graph);
        assertThat(graph.nodeCount()).as("a second catch-up finds nothing to do").isEqualTo(3);
    }

    private static RecordRow row(UUID id, long at) {
        return new RecordRow(id, ARTIST, "take " + at, MediaType.AUDIO, at, UUID.randomUUID());
    }
}
