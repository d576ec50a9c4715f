package org.collabledger.api.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.collabledger.api.storage.EventSequencer;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.projections.lineage.LineageProjection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A lineage rebuild that meets an event it cannot read fails as a whole: the error reaches the
 * caller from the thread that applies the events, the tables roll back, and the answers stay what
 * they were.
 */
class LineageRebuildFailureTest extends H2Ledger {

    @Autowired JdbcTemplate jdbc;

    @Autowired EventSequencer sequencer;

    @Test
    void aRebuildThatCannotReadAnEventChangesNothing() {
        String kim = scenario.artist("kim-" + UUID.randomUUID().toString().substring(0, 6));
        String base = scenario.upload(kim, "base");
        String remix = scenario.remix(kim, "remix", base, 2);
        caughtUp();
        long asOf = feed.count();
        List<String> before = answers(base, remix, asOf);
        int rows =
                jdbc.queryForObject("select count(*) from lineage_record", Integer.class)
                        + jdbc.queryForObject(
                                "select count(*) from lineage_citation", Integer.class);

        // A stored upload whose payload is not JSON: only a direct write can put it there.
        String revision =
                jdbc.queryForObject(
                        "select max(payload_revision) from domain_event_entry "
                                + "where payload_type = 'record.uploaded'",
                        String.class);
        jdbc.update(
                "insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, "
                        + "time_stamp, payload_type, payload_revision, payload, meta_data) values (?, ?, 0, 'Record', "
                        + "'2026-11-23T00:00:00.000Z', 'record.uploaded', ?, ?, ?)",
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                revision,
                "not json".getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));
        sequencer.numberCommitted();

        assertThatThrownBy(() -> projections.rebuild(LineageProjection.PROCESSING_GROUP))
                .isInstanceOf(RuntimeException.class);
        assertThat(answers(base, remix, asOf)).isEqualTo(before);
        assertThat(
                        jdbc.queryForObject("select count(*) from lineage_record", Integer.class)
                                + jdbc.queryForObject(
                                        "select count(*) from lineage_citation", Integer.class))
                .isEqualTo(rows);
    }

    private List<String> answers(String base, String remix, long asOf) {
        return List.of(
                auditor.get("/api/records/" + remix + "/lineage?asOf=" + asOf).raw().body(),
                auditor.get("/api/records/" + base + "/lineage?direction=descendants&asOf=" + asOf)
                        .raw()
                        .body(),
                auditor.get("/api/records/" + remix + "/family?asOf=" + asOf).raw().body());
    }
}
