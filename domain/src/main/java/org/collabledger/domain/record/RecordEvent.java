package org.collabledger.domain.record;

import java.util.List;
import org.collabledger.domain.shared.EventType;

/** Facts about a record. */
public sealed interface RecordEvent {

    String recordId();

    /** An original record was uploaded. */
    @EventType(name = "record.uploaded")
    record RecordUploaded(
            String recordId,
            String creatorId,
            String title,
            MediaType mediaType,
            String contentDigest,
            String contentUri)
            implements RecordEvent {}

    /** A new record was uploaded citing 1–16 existing records as its resources. */
    @EventType(name = "record.remixed")
    record RecordRemixed(
            String recordId,
            String creatorId,
            String title,
            MediaType mediaType,
            String contentDigest,
            String contentUri,
            List<Citation> resources)
            implements RecordEvent {}

    /** The record was taken down; it earns nothing from then on but stays visible in lineage. */
    @EventType(name = "record.taken-down")
    record RecordTakenDown(String recordId, String reason) implements RecordEvent {}

    /**
     * A curator corrected the lineage: the record does cite this resource. Affects unpublished
     * releases only.
     */
    @EventType(name = "record.citation-added")
    record CitationAdded(String recordId, Citation citation, String reason)
            implements RecordEvent {}

    /**
     * A curator corrected the lineage: the record does not cite this resource. Affects unpublished
     * releases only.
     */
    @EventType(name = "record.citation-removed")
    record CitationRemoved(String recordId, String resourceId, String reason)
            implements RecordEvent {}
}
