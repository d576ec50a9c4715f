package org.collabledger.api.storage.kurrent;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * One stored event exactly as Axon's JDBC table holds it: the unit both engines keep byte for byte,
 * so a migration copies it without deserializing and a verifier compares it field by field.
 *
 * @param aggregateType the aggregate's type, {@code null} for an event no aggregate applied
 * @param aggregateId the aggregate's id; an event no aggregate applied carries its own id here, as
 *     in JDBC
 * @param timestamp the event's time as Axon stored it (ISO-8601 text)
 * @param payloadRevision the payload's revision, {@code null} when it has none
 */
public record EventRow(
        String eventId,
        String aggregateType,
        String aggregateId,
        long sequence,
        String timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metaData) {

    /**
     * Serializes an event the way Axon's JDBC engine does, so both engines store the same bytes.
     */
    public static EventRow of(EventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        String timestamp = DateTimeUtils.formatInstant(event.getTimestamp());
        if (event instanceof DomainEventMessage<?> domain && domain.getType() != null) {
            return new EventRow(
                    event.getIdentifier(),
                    domain.getType(),
                    domain.getAggregateIdentifier(),
                    domain.getSequenceNumber(),
                    timestamp,
                    payload.getType().getName(),
                    payload.getType().getRevision(),
                    payload.getData(),
                    metaData.getData());
        }
        return new EventRow(
                event.getIdentifier(),
                null,
                event.getIdentifier(),
                0,
                timestamp,
                payload.getType().getName(),
                payload.getType().getRevision(),
                payload.getData(),
                metaData.getData());
    }

    /** True when an aggregate applied this event, so it lives in that aggregate's stream. */
    public boolean isDomainEvent() {
        return aggregateType != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventRow row
                && sequence == row.sequence
                && eventId.equals(row.eventId)
                && Objects.equals(aggregateType, row.aggregateType)
                && aggregateId.equals(row.aggregateId)
                && timestamp.equals(row.timestamp)
                && payloadType.equals(row.payloadType)
                && Objects.equals(payloadRevision, row.payloadRevision)
                && Arrays.equals(payload, row.payload)
                && Arrays.equals(metaData, row.metaData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, aggregateId, sequence, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "EventRow["
                + eventId
                + " "
                + aggregateType
                + "/"
                + aggregateId
                + "#"
                + sequence
                + " "
                + payloadType
                + " at "
                + timestamp
                + ", "
                + payload.length
                + " payload bytes: "
                + new String(payload, 0, Math.min(payload.length, 80), StandardCharsets.UTF_8)
                + "]";
    }
}
