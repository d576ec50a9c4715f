package org.collabledger.projections.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.MediaType;
import org.collabledger.domain.record.RecordEvent;
import org.collabledger.domain.record.RecordEvent.CitationRemoved;
import org.collabledger.domain.record.RecordEvent.RecordRemixed;
import org.collabledger.domain.record.RecordEvent.RecordTakenDown;
import org.collabledger.domain.record.RecordEvent.RecordUploaded;

/**
 * One change to the lineage, true from position {@code at} on: what the projection, the bulk
 * rebuild and the table load all turn into memory and tables, so a record event maps to the lineage
 * in one place.
 */
public sealed interface LineageFact {

    /** The ledger position from which the fact holds. */
    long at();

    /** A record exists, uploaded by event {@code eventId}. */
    record RecordAdded(
            UUID record, UUID creator, String title, MediaType mediaType, long at, UUID eventId)
            implements LineageFact {}

    /** {@code record} cites {@code resource}, established by event {@code eventId}. */
    record CitationAdded(UUID record, UUID resource, int weight, long at, UUID eventId)
            implements LineageFact {}

    /** The current citation of {@code resource} by {@code record} ends. */
    record CitationEnded(UUID record, UUID resource, long at) implements LineageFact {}

    /** The record is taken down. */
    record TakenDown(UUID record, long at) implements LineageFact {}

    /**
     * The facts that {@code event}, stored at position {@code at} with id {@code eventId}, makes
     * true.
     */
    static List<LineageFact> of(RecordEvent event, long at, UUID eventId) {
        if (event instanceof RecordUploaded uploaded) {
            return List.of(
                    new RecordAdded(
                            UUID.fromString(uploaded.recordId()),
                            UUID.fromString(uploaded.creatorId()),
                            uploaded.title(),
                            uploaded.mediaType(),
                            at,
                            eventId));
        }
        if (event instanceof RecordRemixed remixed) {
            UUID record = UUID.fromString(remixed.recordId());
            List<LineageFact> facts = new ArrayList<>(remixed.resources().size() + 1);
            facts.add(
                    new RecordAdded(
                            record,
                            UUID.fromString(remixed.creatorId()),
                            remixed.title(),
                            remixed.mediaType(),
                            at,
                            eventId));
            for (Citation citation : remixed.resources()) {
                facts.add(
                        new CitationAdded(
                                record,
                                UUID.fromString(citation.resourceId()),
                                citation.weight(),
                                at,
                                eventId));
            }
            return facts;
        }
        if (event instanceof RecordEvent.CitationAdded added) {
            return List.of(
                    new CitationAdded(
                            UUID.fromString(added.recordId()),
                            UUID.fromString(added.citation().resourceId()),
                            added.citation().weight(),
                            at,
                            eventId));
        }
        if (event instanceof CitationRemoved removed) {
            return List.of(
                    new CitationEnded(
                            UUID.fromString(removed.recordId()),
                            UUID.fromString(removed.resourceId()),
                            at));
        }
        // RecordEvent is sealed: what is left is a takedown.
        RecordTakenDown takenDown = (RecordTakenDown) event;
        return List.of(new TakenDown(UUID.fromString(takenDown.recordId()), at));
    }
}
