package org.collabledger.domain.record;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.catalog.LedgerCatalog.RecordState;
import org.collabledger.domain.record.RecordCommand.AddCitation;
import org.collabledger.domain.record.RecordCommand.RemoveCitation;
import org.collabledger.domain.record.RecordCommand.TakeDownRecord;
import org.collabledger.domain.record.RecordCommand.UploadRecord;
import org.collabledger.domain.record.RecordEvent.CitationAdded;
import org.collabledger.domain.record.RecordEvent.CitationRemoved;
import org.collabledger.domain.record.RecordEvent.RecordRemixed;
import org.collabledger.domain.record.RecordEvent.RecordTakenDown;
import org.collabledger.domain.record.RecordEvent.RecordUploaded;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;

/** One upload: its metadata, its creator, the resources it cites and whether it was taken down. */
public class Record {

    /** At most this many resources per record, so lineage fan-in stays bounded. */
    public static final int MAX_RESOURCES = 16;

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> CONTENT_SCHEMES = Set.of("http", "https", "s3", "ipfs", "ar");

    @AggregateIdentifier private String recordId;
    private boolean takenDown;
    private final Map<String, Integer> resources = new LinkedHashMap<>();

    protected Record() {}

    @CommandHandler
    public Record(UploadRecord command, LedgerCatalog catalog) {
        String id = Text.id(command.recordId(), "recordId");
        String creatorId = Text.id(command.creatorId(), "creatorId");
        String title = Text.required(command.title(), "title", 200);
        Refusal.require(
                command.mediaType() != null,
                ErrorCode.INVALID_INPUT,
                "mediaType",
                "mediaType is required");
        String digest = digest(command.contentDigest());
        String uri = contentUri(command.contentUri());
        Refusal.require(
                catalog.artistExists(creatorId),
                ErrorCode.UNKNOWN_ARTIST,
                "creatorId",
                "no artist " + creatorId);
        // Not List.copyOf: a null entry must reach requireCitable and be refused with its index.
        List<Citation> cited =
                command.resources() == null
                        ? List.of()
                        : java.util.Collections.unmodifiableList(
                                new java.util.ArrayList<>(command.resources()));
        if (cited.isEmpty()) {
            apply(new RecordUploaded(id, creatorId, title, command.mediaType(), digest, uri));
            return;
        }
        requireCitable(id, cited, catalog, false);
        apply(new RecordRemixed(id, creatorId, title, command.mediaType(), digest, uri, cited));
    }

    @CommandHandler
    public void handle(TakeDownRecord command, LedgerCatalog catalog) {
        String reason = Text.paragraph(command.reason(), "reason", 1000);
        Refusal.require(
                !takenDown,
                ErrorCode.ALREADY_TAKEN_DOWN,
                null,
                "record " + recordId + " is already taken down");
        catalog.lockRecordExclusively(recordId);
        apply(new RecordTakenDown(recordId, reason));
    }

    @CommandHandler
    public void handle(AddCitation command, LedgerCatalog catalog) {
        String resourceId = Text.id(command.resourceId(), "resourceId");
        String reason = Text.paragraph(command.reason(), "reason", 1000);
        Refusal.require(
                !resources.containsKey(resourceId),
                ErrorCode.CITATION_EXISTS,
                "resourceId",
                "record " + recordId + " already cites " + resourceId);
        Refusal.require(
                resources.size() < MAX_RESOURCES,
                ErrorCode.TOO_MANY_RESOURCES,
                "resourceId",
                "a record cites at most " + MAX_RESOURCES + " resources");
        Citation citation = new Citation(resourceId, command.weight());
        catalog.lockLineage();
        requireCitable(recordId, List.of(citation), catalog, true);
        Refusal.require(
                !catalog.reaches(resourceId, recordId),
                ErrorCode.CITATION_CYCLE,
                "resourceId",
                "citing " + resourceId + " would make " + recordId + " its own ancestor");
        apply(new CitationAdded(recordId, citation, reason));
    }

    @CommandHandler
    public void handle(RemoveCitation command) {
        String resourceId = Text.id(command.resourceId(), "resourceId");
        String reason = Text.paragraph(command.reason(), "reason", 1000);
        Refusal.require(
                resources.containsKey(resourceId),
                ErrorCode.CITATION_NOT_FOUND,
                "resourceId",
                "record " + recordId + " does not cite " + resourceId);
        apply(new CitationRemoved(recordId, resourceId, reason));
    }

    @EventSourcingHandler
    void on(RecordUploaded event) {
        recordId = event.recordId();
    }

    @EventSourcingHandler
    void on(RecordRemixed event) {
        recordId = event.recordId();
        event.resources().forEach(c -> resources.put(c.resourceId(), c.weight()));
    }

    @EventSourcingHandler
    void on(RecordTakenDown event) {
        takenDown = true;
    }

    @EventSourcingHandler
    void on(CitationAdded event) {
        resources.put(event.citation().resourceId(), event.citation().weight());
    }

    @EventSourcingHandler
    void on(CitationRemoved event) {
        resources.remove(event.resourceId());
    }

    /**
     * Checks shape first (cheap, no locks), then existence and takedowns under the catalog's lock.
     * {@code single} names the fields of a one-citation correction instead of the upload's list.
     */
    private static void requireCitable(
            String citingId, List<Citation> cited, LedgerCatalog catalog, boolean single) {
        Refusal.require(
                cited.size() <= MAX_RESOURCES,
                ErrorCode.TOO_MANY_RESOURCES,
                "resources",
                "a record cites at most " + MAX_RESOURCES + " resources, not " + cited.size());
        var seen = new HashSet<String>();
        for (int i = 0; i < cited.size(); i++) {
            Citation citation = cited.get(i);
            String idField = single ? "resourceId" : "resources[" + i + "].recordId";
            Refusal.require(
                    citation != null,
                    ErrorCode.INVALID_INPUT,
                    "resources[" + i + "]",
                    "resources[" + i + "] is required");
            Text.id(citation.resourceId(), idField);
            Refusal.require(
                    citation.weight() >= 1,
                    ErrorCode.INVALID_WEIGHT,
                    single ? "weight" : "resources[" + i + "].weight",
                    "weights are positive integers");
            Refusal.require(
                    !citation.resourceId().equals(citingId),
                    ErrorCode.SELF_CITATION,
                    idField,
                    "a record cannot cite itself");
            Refusal.require(
                    seen.add(citation.resourceId()),
                    ErrorCode.DUPLICATE_RESOURCE,
                    idField,
                    "resource " + citation.resourceId() + " is cited twice");
        }
        Map<String, RecordState> states = catalog.lockRecords(seen);
        for (int i = 0; i < cited.size(); i++) {
            String resourceId = cited.get(i).resourceId();
            String field = single ? "resourceId" : "resources[" + i + "].recordId";
            RecordState state = states.get(resourceId);
            Refusal.require(
                    state != null, ErrorCode.UNKNOWN_RESOURCE, field, "no record " + resourceId);
            Refusal.require(
                    !state.takenDown(),
                    ErrorCode.RESOURCE_TAKEN_DOWN,
                    field,
                    "record " + resourceId + " is taken down and cannot be cited");
        }
    }

    private static String digest(String raw) {
        String digest = Text.required(raw, "contentDigest", 71);
        if (digest.startsWith("sha256:")) {
            digest = digest.substring("sha256:".length());
        }
        Refusal.require(
                SHA256_HEX.matcher(digest).matches(),
                ErrorCode.INVALID_INPUT,
                "contentDigest",
                "contentDigest must be a SHA-256 digest in 64 lower-case hex digits");
        return digest;
    }

    private static String contentUri(String raw) {
        String text = Text.required(raw, "contentUri", 2048);
        try {
            URI uri = new URI(text);
            Refusal.require(
                    uri.isAbsolute()
                            && !uri.isOpaque()
                            && uri.getHost() != null
                            && CONTENT_SCHEMES.contains(
                                    uri.getScheme().toLowerCase(java.util.Locale.ROOT)),
                    ErrorCode.INVALID_INPUT,
                    "contentUri",
                    "contentUri must be an absolute http(s), s3, ipfs or ar URI with a host");
            return text;
        } catch (URISyntaxException bad) {
            throw new Refusal(
                    ErrorCode.INVALID_INPUT, "contentUri", "contentUri is not a valid URI");
        }
    }
}
