package org.collabledger.api.storage.kurrent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.EventDataBuilder;
import io.kurrent.dbclient.RecordedEvent;
import io.kurrent.dbclient.StreamState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How ledger events sit in KurrentDB. An aggregate's events form the stream {@code agg-<id>} (ids
 * are globally unique, so the stream is found from the id alone); an event no aggregate applied
 * gets its own stream {@code evt-<event id>}; an aggregate's snapshots go to {@code snap-<id>}. The
 * event's data is the serialized payload and its type the payload type, so KurrentDB's own tools
 * show readable events; what Axon needs besides sits in the event's metadata as a flat JSON object
 * of strings, the one shape that reads back the same whether it was written by a single-stream or a
 * multi-stream append.
 */
public final class KurrentEvents {

    static final String AGGREGATE_STREAM = "agg-";
    static final String EVENT_STREAM = "evt-";
    static final String SNAPSHOT_STREAM = "snap-";

    private static final String EVENT_ID = "axon-event-id";
    private static final String AGGREGATE_TYPE = "axon-aggregate-type";
    private static final String AGGREGATE_ID = "axon-aggregate-id";
    private static final String SEQUENCE = "axon-sequence";
    private static final String TIMESTAMP = "axon-timestamp";
    private static final String PAYLOAD_REVISION = "axon-payload-revision";
    private static final String META_DATA = "axon-meta-data";

    private static final java.util.regex.Pattern SEQUENCE_TEXT =
            java.util.regex.Pattern.compile("\\d{1,18}");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> FLAT = new TypeReference<>() {};

    private KurrentEvents() {}

    /** The stream holding an aggregate's events. */
    public static String aggregateStream(String aggregateId) {
        return AGGREGATE_STREAM + aggregateId;
    }

    /** The stream an event lives in: its aggregate's, or its own when no aggregate applied it. */
    public static String streamOf(EventRow row) {
        return row.isDomainEvent()
                ? aggregateStream(row.aggregateId())
                : EVENT_STREAM + row.eventId();
    }

    /**
     * The revision the stream of {@code first} must be at for {@code first} to be appended: no
     * stream for an aggregate's first event (or an event with its own stream), else the revision of
     * the event before it, as Axon's sequence numbers and KurrentDB's stream revisions both count
     * from 0.
     */
    public static StreamState expectedBefore(EventRow first) {
        return !first.isDomainEvent() || first.sequence() == 0
                ? StreamState.noStream()
                : StreamState.streamRevision(first.sequence() - 1);
    }

    static String snapshotStream(String aggregateId) {
        return SNAPSHOT_STREAM + aggregateId;
    }

    /**
     * KurrentDB's event id for an Axon event: the id itself when it is a UUID (Axon's default),
     * otherwise a name-based UUID of it. Deterministic, so an append the engine re-sends after a
     * lost answer, and a migration run again, carry the same ids, and KurrentDB's idempotent
     * re-append recognises them.
     */
    static UUID kurrentId(String eventId) {
        try {
            UUID parsed = UUID.fromString(eventId);
            if (parsed.toString().equals(eventId)) {
                return parsed;
            }
        } catch (IllegalArgumentException notUuid) {
            // falls through to the name-based id
        }
        return UUID.nameUUIDFromBytes(("axon-event:" + eventId).getBytes(StandardCharsets.UTF_8));
    }

    /** The event as KurrentDB is asked to store it. */
    public static EventData toEventData(EventRow row) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(EVENT_ID, row.eventId());
        if (row.isDomainEvent()) {
            metadata.put(AGGREGATE_TYPE, row.aggregateType());
        }
        metadata.put(AGGREGATE_ID, row.aggregateId());
        metadata.put(SEQUENCE, Long.toString(row.sequence()));
        metadata.put(TIMESTAMP, row.timestamp());
        if (row.payloadRevision() != null) {
            metadata.put(PAYLOAD_REVISION, row.payloadRevision());
        }
        if (row.metaData() != null) {
            metadata.put(META_DATA, utf8(row.metaData()));
        }
        try {
            return EventDataBuilder.json(kurrentId(row.eventId()), row.payloadType(), row.payload())
                    .metadataAsBytes(JSON.writeValueAsBytes(metadata))
                    .build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * True for KurrentDB's own events (statistics, stream metadata, ...), which are never the
     * ledger's.
     */
    public static boolean isSystem(RecordedEvent event) {
        return event.getStreamId().startsWith("$") || event.getEventType().startsWith("$");
    }

    /**
     * The ledger event back, or {@code null} when it is not one: KurrentDB's own events, events the
     * ledger did not write, and the ledger's snapshots, which carry an event's metadata but live in
     * snapshot streams, are all passed over by readers of {@code $all} and of aggregate streams.
     */
    public static EventRow ledgerEvent(RecordedEvent event) {
        EventRow row = fromRecorded(event);
        return row != null && event.getStreamId().equals(streamOf(row)) ? row : null;
    }

    /**
     * A snapshot of the aggregate {@code aggregateId} back, or {@code null} when the event is not
     * one.
     */
    static EventRow snapshot(RecordedEvent event, String aggregateId) {
        EventRow row = fromRecorded(event);
        return row != null && event.getStreamId().equals(snapshotStream(aggregateId)) ? row : null;
    }

    /**
     * The stored event, or {@code null} when its metadata is not the ledger's: a foreign event that
     * happens to carry some of these keys is skipped rather than stopping every reader of {@code
     * $all} for good.
     */
    private static EventRow fromRecorded(RecordedEvent event) {
        if (isSystem(event)
                || event.getUserMetadata() == null
                || event.getUserMetadata().length == 0) {
            return null;
        }
        Map<String, Object> metadata;
        try {
            metadata = JSON.readValue(event.getUserMetadata(), FLAT);
        } catch (IOException notOurs) {
            return null;
        }
        String eventId = text(metadata, EVENT_ID);
        String aggregateId = text(metadata, AGGREGATE_ID);
        String sequence = text(metadata, SEQUENCE);
        String timestamp = text(metadata, TIMESTAMP);
        if (eventId == null
                || aggregateId == null
                || sequence == null
                || timestamp == null
                || !SEQUENCE_TEXT.matcher(sequence).matches()) {
            return null;
        }
        String metaData = text(metadata, META_DATA);
        return new EventRow(
                eventId,
                text(metadata, AGGREGATE_TYPE),
                aggregateId,
                Long.parseLong(sequence),
                timestamp,
                event.getEventType(),
                text(metadata, PAYLOAD_REVISION),
                event.getEventData(),
                metaData == null ? null : metaData.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Map<String, Object> metadata, String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

    /**
     * Axon's metadata is JSON, hence UTF-8; anything else would not survive as a string, so it
     * fails here.
     */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("event metadata is not UTF-8 text", e);
        }
    }
}
