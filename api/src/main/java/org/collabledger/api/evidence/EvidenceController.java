package org.collabledger.api.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.collabledger.api.security.MoneyVisibility;
import org.collabledger.api.web.ReadsFrom;
import org.collabledger.domain.evidence.Digest;
import org.collabledger.domain.evidence.InclusionProof;
import org.collabledger.domain.evidence.LedgerEntry;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tamper evidence over HTTP: the digest (as JSON or as the file to keep), inclusion proofs, and the
 * verifier.
 */
@ReadsFrom({})
@RestController
@Tag(name = "evidence", description = "Tamper evidence: digests, inclusion proofs, verification")
@RequestMapping("/api/ledger")
public class EvidenceController {

    private static final HexFormat HEX = HexFormat.of();
    private static final String ALGORITHM =
            "RFC 6962 Merkle tree, SHA-256; leaf = SHA-256(0x00 || entry), "
                    + "node = SHA-256(0x01 || left || right)";

    private final LedgerSeal seal;
    private final DataSource dataSource;
    private final MoneyVisibility money;

    public EvidenceController(LedgerSeal seal, DataSource dataSource, MoneyVisibility money) {
        this.seal = seal;
        this.dataSource = dataSource;
        this.money = money;
    }

    /**
     * A digest as JSON; {@code file} is where to fetch the same digest with its block roots, to
     * keep.
     */
    public record DigestView(
            long treeSize,
            long position,
            String root,
            java.time.Instant takenAt,
            String algorithm,
            String file) {}

    /**
     * A proof as JSON: hashes in hex, the entry's stored bytes in base64 so anyone can recompute
     * its leaf; for an artist whose line shares the event with other artists' money, the entry is
     * withheld and says why.
     */
    public record ProofView(
            String eventId,
            long position,
            long leafIndex,
            long treeSize,
            String root,
            String leafHash,
            List<String> path,
            EntryView entry,
            String entryWithheld,
            boolean entryMatchesLeaf,
            String algorithm) {}

    /** One stored event, every column the leaf commits to. */
    public record EntryView(
            long position,
            String eventId,
            String aggregateType,
            String aggregateId,
            long sequence,
            String timestamp,
            String payloadType,
            String payloadRevision,
            String payload,
            String metadata) {}

    /**
     * A digest sent back for verification as JSON, without block roots; {@code takenAt} is checked
     * when given.
     */
    public record DigestBody(long treeSize, long position, String root, String takenAt) {}

    @GetMapping("/digest")
    @Operation(summary = "Read the ledger's digest")
    public DigestView digest(@RequestParam(required = false) Long position) {
        Digest digest = position == null ? seal.current() : seal.at(position);
        return new DigestView(
                digest.treeSize(),
                digest.position(),
                digest.rootHex(),
                digest.takenAt(),
                ALGORITHM,
                "/api/ledger/digest/file?position=" + digest.position());
    }

    @GetMapping(value = "/digest/file", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "Download the digest file to keep")
    public ResponseEntity<String> digestFile(@RequestParam(required = false) Long position) {
        Digest digest = position == null ? seal.current() : seal.at(position);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"ledger-digest-" + digest.position() + ".txt\"")
                .contentType(MediaType.TEXT_PLAIN)
                .body(digest.toFile());
    }

    @GetMapping("/proof")
    @Operation(summary = "Prove that an event is in the ledger")
    public ProofView proof(
            @RequestParam String eventId, @RequestParam(required = false) Long treeSize) {
        InclusionProof proof = seal.proof(Text.required(eventId, "eventId", 64), treeSize);
        List<LedgerEntry> entry = new ArrayList<>(1);
        StoredEntries.stream(dataSource, proof.position() - 1, proof.position(), entry::add);
        LedgerEntry stored = entry.get(0);
        MoneyVisibility.Reader reader = money.reader();
        MoneyVisibility.Sight sight = reader.sight(stored.payloadType(), stored.payload());
        reader.require(sight != MoneyVisibility.Sight.NOTHING, "eventId");
        boolean whole = sight == MoneyVisibility.Sight.ALL;
        return new ProofView(
                proof.eventId(),
                proof.position(),
                proof.leafIndex(),
                proof.treeSize(),
                HEX.formatHex(proof.root()),
                HEX.formatHex(proof.leafHash()),
                proof.path().stream().map(HEX::formatHex).toList(),
                whole ? view(stored) : null,
                whole
                        ? null
                        : "the event also carries other artists' money; your statement shows your line",
                java.util.Arrays.equals(stored.leafHash(), proof.leafHash()),
                ALGORITHM);
    }

    /**
     * Verifies the store against a digest file ({@code text/plain}) taken earlier. Left out of the
     * API document: a path and method carry one operation there, and a generated client binds one
     * body type per operation (the Java one sent this text as JSON), so the document gives the
     * typed JSON form and says this one exists.
     */
    @PostMapping(value = "/verify", consumes = MediaType.TEXT_PLAIN_VALUE)
    @Operation(hidden = true)
    public LedgerVerifier.Report verifyFile(@RequestBody String file) {
        Digest digest;
        try {
            digest = Digest.parse(file);
        } catch (RuntimeException notADigest) {
            throw new Refusal(
                    ErrorCode.INVALID_INPUT,
                    "digest",
                    "not a digest file: " + notADigest.getMessage());
        }
        return LedgerVerifier.verify(dataSource, digest);
    }

    /**
     * Verifies the store against a digest given as JSON (tree size, position, root and optionally
     * takenAt).
     */
    @PostMapping(value = "/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Verify the store against a digest taken earlier",
            description =
                    "The digest as JSON; the digest file itself (GET /api/ledger/digest/file) is"
                            + " accepted too, sent as text/plain.")
    public LedgerVerifier.Report verifyJson(@RequestBody DigestBody body) {
        Refusal.require(
                body.treeSize() >= 0,
                ErrorCode.INVALID_INPUT,
                "treeSize",
                "treeSize must not be negative");
        Refusal.require(
                body.position() >= 0,
                ErrorCode.INVALID_INPUT,
                "position",
                "position must not be negative");
        Refusal.require(
                body.root() != null && body.root().matches("[0-9a-f]{64}"),
                ErrorCode.INVALID_INPUT,
                "root",
                "root must be 64 lower-case hex digits");
        return LedgerVerifier.verify(
                dataSource,
                new Digest(
                        body.treeSize(),
                        body.position(),
                        Digest.hash(body.root()),
                        body.takenAt() == null ? null : instant(body.takenAt()),
                        List.of()));
    }

    /**
     * {@code takenAt} as the digest file writes it; text only, so a number is a wrong type, not
     * epoch seconds.
     */
    private static java.time.Instant instant(String takenAt) {
        try {
            return java.time.Instant.parse(takenAt);
        } catch (java.time.format.DateTimeParseException bad) {
            throw new Refusal(
                    ErrorCode.INVALID_INPUT,
                    "takenAt",
                    "takenAt must be an instant written as "
                            + "2026-12-07T20:00:00Z, as the digest gives it");
        }
    }

    private static EntryView view(LedgerEntry entry) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new EntryView(
                entry.position(),
                entry.eventId(),
                entry.aggregateType(),
                entry.aggregateId(),
                entry.sequence(),
                entry.timestamp(),
                entry.payloadType(),
                entry.payloadRevision(),
                base64.encodeToString(entry.payload()),
                entry.metadata() == null ? null : base64.encodeToString(entry.metadata()));
    }
}
