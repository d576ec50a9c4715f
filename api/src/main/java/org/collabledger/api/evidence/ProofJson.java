package org.collabledger.api.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.collabledger.domain.evidence.InclusionProof;
import org.collabledger.domain.evidence.LedgerEntry;

/**
 * Reads back what {@code GET /api/ledger/proof} answers, for whoever checks a proof: the audit
 * path, and the stored event whose leaf hash the checker recomputes rather than trusts.
 */
public final class ProofJson {

    private static final HexFormat HEX = HexFormat.of();

    private ProofJson() {}

    /** The proof as the ledger gave it, its leaf hash included. */
    public static InclusionProof inclusion(JsonNode proof) {
        return inclusion(proof, HEX.parseHex(proof.path("leafHash").asText()));
    }

    /**
     * The proof with {@code leafHash} in place of the one the ledger gave, e.g. one recomputed from
     * the entry.
     */
    public static InclusionProof inclusion(JsonNode proof, byte[] leafHash) {
        List<byte[]> path = new ArrayList<>();
        proof.path("path").forEach(node -> path.add(HEX.parseHex(node.asText())));
        return new InclusionProof(
                proof.path("eventId").asText(),
                proof.path("position").asLong(),
                proof.path("leafIndex").asLong(),
                proof.path("treeSize").asLong(),
                leafHash,
                path,
                HEX.parseHex(proof.path("root").asText()));
    }

    /** The stored event the proof is about, exactly as the store holds it. */
    public static LedgerEntry entry(JsonNode proof) {
        JsonNode entry = proof.path("entry");
        Base64.Decoder base64 = Base64.getDecoder();
        return new LedgerEntry(
                entry.path("position").asLong(),
                entry.path("eventId").asText(),
                entry.path("aggregateType").asText(),
                entry.path("aggregateId").asText(),
                entry.path("sequence").asLong(),
                entry.path("timestamp").asText(),
                entry.path("payloadType").asText(),
                entry.hasNonNull("payloadRevision") ? entry.path("payloadRevision").asText() : null,
                base64.decode(entry.path("payload").asText()),
                entry.hasNonNull("metadata")
                        ? base64.decode(entry.path("metadata").asText())
                        : null);
    }
}
