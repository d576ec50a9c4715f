package org.collabledger.domain.evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One stored event exactly as the event store holds it, and the canonical bytes a Merkle leaf
 * commits to: every column, its global position included, so a change of content, metadata or order
 * changes the leaf. Each field is length-prefixed so no two different rows encode alike.
 */
public record LedgerEntry(
        long position,
        String eventId,
        String aggregateType,
        String aggregateId,
        long sequence,
        String timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metadata) {

    private static final byte[] FORMAT =
            "collaboration-ledger event v1".getBytes(StandardCharsets.US_ASCII);

    /** The bytes the leaf hashes. */
    public byte[] canonicalBytes() {
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(
                        256 + payload.length + (metadata == null ? 0 : metadata.length));
        field(out, FORMAT);
        field(out, Long.toString(position));
        field(out, eventId);
        field(out, aggregateType);
        field(out, aggregateId);
        field(out, Long.toString(sequence));
        field(out, timestamp);
        field(out, payloadType);
        field(out, payloadRevision);
        field(out, payload);
        field(out, metadata);
        return out.toByteArray();
    }

    /** The Merkle leaf hash of this entry. */
    public byte[] leafHash() {
        return MerkleTree.leafHash(canonicalBytes());
    }

    private static void field(ByteArrayOutputStream out, String value) {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** A null is length -1, so it differs from an empty value. */
    private static void field(ByteArrayOutputStream out, byte[] value) {
        int length = value == null ? -1 : value.length;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        if (value != null) {
            out.write(value, 0, value.length);
        }
    }
}
