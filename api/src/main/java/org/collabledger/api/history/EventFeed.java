package org.collabledger.api.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.storage.StorageConfiguration;
import org.collabledger.api.storage.StorageProperties;
import org.collabledger.api.storage.kurrent.EventMirror;
import org.collabledger.api.web.NotFound;
import org.collabledger.domain.shared.EventType;
import org.collabledger.projections.money.MoneyChecks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/** Reads stored events back as they are in the store: position, identity, metadata and payload. */
@Component
public class EventFeed {

    private static final String HEADER =
            "global_index, event_identifier, aggregate_identifier, sequence_number, "
                    + "type, payload_type, payload_revision, time_stamp";
    private static final String COLUMNS = HEADER + ", payload, meta_data";

    private static final ObjectMapper PAYLOADS = StorageConfiguration.storageObjectMapper();
    private static final java.time.Duration MIRROR_WAIT = java.time.Duration.ofSeconds(10);

    /**
     * Rows per statement when a filter is given, so a sparse filter does not hold a whole table in
     * memory.
     */
    private static final int SCAN_BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    private final boolean mirrored;
    private final ObjectProvider<Projections> projections;

    public EventFeed(
            JdbcTemplate jdbc,
            ObjectMapper json,
            StorageProperties storage,
            ObjectProvider<Projections> projections) {
        this.jdbc = jdbc;
        this.json = json;
        this.mirrored = storage.eventsElsewhere();
        this.projections = projections;
    }

    /** One stored event. {@code position} is its place in the global stream. */
    public record StoredEvent(
            long position,
            String eventId,
            String aggregateType,
            String aggregateId,
            long sequence,
            String type,
            String revision,
            String recordedAt,
            JsonNode metadata,
            JsonNode payload) {}

    /** A page of the global feed; {@code next} is the {@code after} of the following page. */
    public record Page(List<StoredEvent> events, long next) {}

    /**
     * Events after global position {@code after}, oldest first, at most {@code limit}; only of
     * stored type {@code type} and caused by {@code actor} when those are given, which scans in
     * batches, so they are meant for audits, not hot paths. No event ever appears below a position
     * already numbered, so paging on from {@code next} misses none; with a filter, {@code next} is
     * the last position scanned.
     */
    public Page after(long after, int limit, String type, String actor) {
        awaitMirror();
        Scan scan = new Scan(after, limit, type, actor);
        int batch = type == null && actor == null ? limit : SCAN_BATCH;
        // Every row is read, for its position; with a type filter only the matching rows' contents
        // cross over.
        String columns =
                type == null
                        ? COLUMNS
                        : HEADER
                                + ", case when payload_type = ? then payload end, "
                                + (actor == null
                                        ? "case when payload_type = ? then meta_data end"
                                        : "meta_data");
        List<Object> typeArguments =
                type == null ? List.of() : Collections.nCopies(actor == null ? 2 : 1, type);
        while (scan.found.size() < limit) {
            int before = scan.rows;
            List<Object> arguments = new ArrayList<>(typeArguments);
            arguments.addAll(List.of(scan.last, batch));
            jdbc.query(
                    "select "
                            + columns
                            + " from domain_event_entry where global_index > ? "
                            + "order by global_index limit ?",
                    scan,
                    arguments.toArray());
            if (scan.rows - before < batch) {
                break;
            }
        }
        return new Page(scan.found, scan.last);
    }

    /**
     * One pass over the stored events after a position: the events the page takes, and the last
     * position read.
     */
    private final class Scan implements RowCallbackHandler {

        final List<StoredEvent> found = new ArrayList<>();
        private final int limit;
        private final String type;
        private final String actor;
        long last;
        int rows;

        Scan(long after, int limit, String type, String actor) {
            this.last = after;
            this.limit = limit;
            this.type = type;
            this.actor = actor;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            rows++;
            if (found.size() == limit) {
                return;
            }
            last = rs.getLong(1);
            if (type != null && !type.equals(rs.getString(6))) {
                return;
            }
            StoredEvent event = read(rs, 0);
            if (actor == null || actor.equals(event.metadata().path("actor").asText())) {
                found.add(event);
            }
        }
    }

    /**
     * The events of one aggregate of {@code aggregateType} up to position {@code asOf}, in its own
     * order; refused as not found when there are none, or when the id belongs to another kind of
     * aggregate.
     */
    public List<StoredEvent> ofAggregate(String aggregateId, String aggregateType, long asOf) {
        awaitMirror();
        List<StoredEvent> events =
                jdbc.query(
                        "select "
                                + COLUMNS
                                + " from domain_event_entry "
                                + "where aggregate_identifier = ? and global_index <= ? order by sequence_number",
                        this::read,
                        aggregateId,
                        asOf);
        if (events.isEmpty() || !aggregateType.equals(events.get(0).aggregateType())) {
            throw new NotFound(
                    "no "
                            + aggregateType.toLowerCase(java.util.Locale.ROOT)
                            + " "
                            + aggregateId
                            + (asOf == Long.MAX_VALUE ? "" : " as of position " + asOf));
        }
        return events;
    }

    /**
     * Every event of record {@code type} stored up to position {@code asOf}, in global order, read
     * back as the record by the mapper payloads are stored with (strict: a payload that no longer
     * fits fails loudly).
     */
    public <E> List<MoneyChecks.Stored<E>> ofType(Class<E> type, long asOf) {
        List<MoneyChecks.Stored<E>> typed = new ArrayList<>();
        for (StoredEvent event : ofType(type.getAnnotation(EventType.class).name(), asOf)) {
            try {
                typed.add(
                        new MoneyChecks.Stored<>(
                                event.eventId(),
                                event.aggregateId(),
                                PAYLOADS.treeToValue(event.payload(), type)));
            } catch (JsonProcessingException unreadable) {
                throw new IllegalStateException(
                        "event "
                                + event.eventId()
                                + " at position "
                                + event.position()
                                + " does not read as "
                                + type.getSimpleName(),
                        unreadable);
            }
        }
        return typed;
    }

    /**
     * Every event stored under the stable type {@code type} up to position {@code asOf}, in global
     * order.
     */
    public List<StoredEvent> ofType(String type, long asOf) {
        awaitMirror();
        return jdbc.query(
                "select "
                        + COLUMNS
                        + " from domain_event_entry where payload_type = ? and global_index <= ? "
                        + "order by global_index",
                this::read,
                type,
                asOf);
    }

    /**
     * True when the store holds events of the aggregate {@code aggregateId} of type {@code
     * aggregateType}.
     */
    public boolean holds(String aggregateId, String aggregateType) {
        awaitMirror();
        return Boolean.TRUE.equals(
                jdbc.queryForObject(
                        "select count(*) > 0 from domain_event_entry "
                                + "where aggregate_identifier = ? and type = ?",
                        Boolean.class,
                        aggregateId,
                        aggregateType));
    }

    /** The stored type of the event with id {@code eventId}, if the store holds one. */
    public Optional<String> typeOf(String eventId) {
        awaitMirror();
        return jdbc
                .queryForList(
                        "select payload_type from domain_event_entry where event_identifier = ?",
                        String.class,
                        eventId)
                .stream()
                .findFirst();
    }

    /** How many events the store holds. */
    public long count() {
        awaitMirror();
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * With the events in KurrentDB this table is the {@link EventMirror}, which a processor fills
     * just after each append: a read waits until it holds every event stored when the read began,
     * so a client reads its own writes as on the JDBC engine.
     */
    private void awaitMirror() {
        if (mirrored) {
            projections.getObject().awaitCaughtUp(EventMirror.PROCESSING_GROUP, MIRROR_WAIT);
        }
    }

    private StoredEvent read(ResultSet rs, int row) throws SQLException {
        return new StoredEvent(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(5),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                tree(rs.getBytes(10), rs.getLong(1)),
                tree(rs.getBytes(9), rs.getLong(1)));
    }

    private JsonNode tree(byte[] bytes, long position) {
        if (bytes == null) {
            return json.nullNode();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(
                    "event at position " + position + " is not readable JSON", unreadable);
        }
    }
}
