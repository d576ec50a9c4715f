package org.collabledger.api.storage.kurrent;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.collabledger.projections.GlobalPosition;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With the events in KurrentDB, a read model holding each event exactly as the JDBC engine's table
 * would hold it, keyed by its KurrentDB position: the event history API, the as-of-time lookup, the
 * folded artist and allocation views, the money reads and the tamper-evidence seal read this table
 * on either engine. It is written by one tracking processor in {@code $all} order, so a row never
 * appears below one already there; dropped and replayed like any projection.
 */
@ProcessingGroup(EventMirror.PROCESSING_GROUP)
public class EventMirror {

    /** The tracking processor that keeps the mirror. */
    public static final String PROCESSING_GROUP = "event-mirror";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    /**
     * {@code serializer} must be the engine's event serializer, so stored bytes are copied, not
     * re-encoded.
     */
    public EventMirror(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        EventRow row = EventRow.of(message, serializer);
        jdbc.update(
                "insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                GlobalPosition.of(token),
                row.eventId(),
                row.aggregateId(),
                row.sequence(),
                row.aggregateType(),
                row.timestamp(),
                row.payloadType(),
                row.payloadRevision(),
                row.payload(),
                row.metaData());
    }

    /** Empties the table before a replay from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from domain_event_entry");
    }
}
