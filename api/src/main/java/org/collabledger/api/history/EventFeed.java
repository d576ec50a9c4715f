package org.collabledger.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.storage.StorageProperties;
import org.collabledger.api.storage.kurrent.EventMirror;
import org.collabledger.api.web.NotFound;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads stored events back as they are in the store: position, identity, metadata and payload. */
@Component
public class EventFeed {

    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number, "
            + "type, payload_type, payload_revision, time_stamp, payload, meta_data";

    private static final java.time.Duration MIRROR_WAIT = java.time.Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    private final boolean mirrored;
    private final ObjectProvider<Projections> projections;

    public EventFeed(JdbcTemplate jdbc, ObjectMapper json,
                     StorageProperties storage, ObjectProvider<Projections> projections) {
        this.jdbc = jdbc;
        this.json = json;
        this.mirrored = storage.eventsElsewhere();
        this.projections = projections;
    }

    /** One stored event. {@code position} is its place in the global stream. */
    public record StoredEvent(long position, String eventId, String aggregateType, String aggregateId,
                              long sequence, String type, String revision, String recordedAt,
                              JsonNode metadata, JsonNode payload) {
    }

    /**
     * Events after global position {@code after}, oldest first, at most {@code limit}; only of stored type
     * {@code type} and caused by {@code actor} when those are given. The actor filter reads the metadata,
     * so it scans; it is meant for audits, not hot paths.
     */
    public List<StoredEvent> after(long after, int limit, String type, String actor) {
        awaitMirror();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from domain_event_entry where global_index > ?");
        List<Object> arguments = new java.util.ArrayList<>(List.of(after));
        if (type != null) {
            sql.append(" and payload_type = ?");
            arguments.add(type);
        }
        sql.append(" order by global_index");
        if (actor == null) {
            sql.append(" limit ?");
            arguments.add(limit);
            return jdbc.query(sql.toString(), this::read, arguments.toArray());
        }
        List<StoredEvent> found = new java.util.ArrayList<>();
        jdbc.query(sql.toString(), rs -> {
            if (found.size() < limit) {
                StoredEvent event = read(rs, 0);
                if (actor.equals(event.metadata().path("actor").asText())) {
                    found.add(event);
                }
            }
        }, arguments.toArray());
        return found;
    }

    /**
     * The events of one aggregate of {@code aggregateType} up to position {@code asOf}, in its own order;
     * refused as not found when there are none, or when the id belongs to another kind of aggregate.
     */
    public List<StoredEvent> ofAggregate(String aggregateId, String aggregateType, long asOf) {
        awaitMirror();
        List<StoredEvent> events = jdbc.query("select " + COLUMNS + " from domain_event_entry "
                + "where aggregate_identifier = ? and global_index <= ? order by sequence_number", this::read,
                aggregateId, asOf);
        if (events.isEmpty() || !aggregateType.equals(events.get(0).aggregateType())) {
            throw new NotFound("no " + aggregateType.toLowerCase(java.util.Locale.ROOT) + " " + aggregateId
                    + (asOf == Long.MAX_VALUE ? "" : " as of position " + asOf));
        }
        return events;
    }

    /** Every event stored under the stable type {@code type} up to position {@code asOf}, in global order. */
    public List<StoredEvent> ofType(String type, long asOf) {
        awaitMirror();
        return jdbc.query("select " + COLUMNS + " from domain_event_entry where payload_type = ? and global_index <= ? "
                + "order by global_index", this::read, type, asOf);
    }

    /** How many events the store holds. */
    public long count() {
        awaitMirror();
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * With the events in KurrentDB this table is the {@link EventMirror}, which a processor fills just after
     * each append: a read waits until it holds every event stored when the read began, so a client reads its
     * own writes as on the JDBC engine.
     */
    private void awaitMirror() {
        if (mirrored) {
            projections.getObject().awaitCaughtUp(EventMirror.PROCESSING_GROUP, MIRROR_WAIT);
        }
    }

    private StoredEvent read(ResultSet rs, int row) throws SQLException {
        return new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(5), rs.getString(3), rs.getLong(4),
                rs.getString(6), rs.getString(7), rs.getString(8), tree(rs.getBytes(10), rs.getLong(1)),
                tree(rs.getBytes(9), rs.getLong(1)));
    }

    private JsonNode tree(byte[] bytes, long position) {
        if (bytes == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("event at position " + position + " is not readable JSON", unreadable);
        }
    }
}
