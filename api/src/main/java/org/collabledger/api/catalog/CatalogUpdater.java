package org.collabledger.api.catalog;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.collabledger.api.storage.StorageConfiguration;
import org.collabledger.api.storage.StorageProperties;
import org.collabledger.api.storage.StoreKind;
import org.collabledger.domain.artist.ArtistEvent.ArtistProfileChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistRegistered;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.RecordEvent.CitationAdded;
import org.collabledger.domain.record.RecordEvent.CitationRemoved;
import org.collabledger.domain.record.RecordEvent.RecordRemixed;
import org.collabledger.domain.record.RecordEvent.RecordTakenDown;
import org.collabledger.domain.record.RecordEvent.RecordUploaded;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code catalog_*} tables in step with the events. It runs in a subscribing processor,
 * inside the command's transaction, and every failure aborts that transaction. With the events in
 * this database that transaction appends them too, so the catalog holds exactly the committed
 * events. With the events in KurrentDB it writes before the append and commits after it; each event
 * it takes is noted in {@code catalog_event}, so the {@link CatalogFollower} can tell the events
 * whose rows a failed commit lost, and write them from the log.
 */
@Component
@ProcessingGroup(CatalogUpdater.PROCESSING_GROUP)
public class CatalogUpdater {

    /** The subscribing processor that runs this updater. */
    public static final String PROCESSING_GROUP = "catalog";

    private final JdbcTemplate jdbc;

    /**
     * How an event is noted, or null when the events share the catalog's transaction and need no
     * note.
     */
    private final String note;

    public CatalogUpdater(JdbcTemplate jdbc, StorageProperties storage, StoreKind storeKind) {
        this.jdbc = jdbc;
        // Both wait for a transaction still writing the same note; H2 then reports the duplicate
        // (the statement
        // fails, the transaction goes on), PostgreSQL would abort the transaction, so there it does
        // nothing.
        this.note =
                !storage.eventsElsewhere()
                        ? null
                        : storeKind == StoreKind.POSTGRESQL
                                ? "insert into catalog_event (event_id) values (?) on conflict do nothing"
                                : "insert into catalog_event (event_id) values (?)";
    }

    /**
     * Takes each event once: notes it, and skips it when it was noted already, which only the
     * follower meets, for an event whose command's transaction committed.
     */
    @MessageHandlerInterceptor
    Object once(EventMessage<?> event, InterceptorChain chain) throws Exception {
        return note == null || noted(event.getIdentifier()) ? chain.proceed() : null;
    }

    private boolean noted(String eventId) {
        try {
            return jdbc.update(note, eventId) == 1;
        } catch (DuplicateKeyException notedBefore) {
            return false;
        }
    }

    @EventHandler
    void on(ArtistRegistered event, @MetaDataValue(StorageConfiguration.ACTOR) String actor) {
        jdbc.update(
                "insert into catalog_artist (artist_id, handle, owner) values (?, ?, ?)",
                event.artistId(),
                event.handle(),
                actor);
    }

    @EventHandler
    void on(ArtistProfileChanged event) {
        requireOne(
                jdbc.update(
                        "update catalog_artist set handle = ? where artist_id = ?",
                        event.handle(),
                        event.artistId()),
                "artist",
                event.artistId());
    }

    @EventHandler
    void on(RecordUploaded event) {
        insertRecord(event.recordId(), event.creatorId());
    }

    @EventHandler
    void on(RecordRemixed event) {
        insertRecord(event.recordId(), event.creatorId());
        jdbc.batchUpdate(
                "insert into catalog_citation (record_id, resource_id, weight) values (?, ?, ?)",
                event.resources().stream()
                        .map(c -> new Object[] {event.recordId(), c.resourceId(), c.weight()})
                        .toList());
    }

    @EventHandler
    void on(RecordTakenDown event) {
        requireOne(
                jdbc.update(
                        "update catalog_record set taken_down = true where record_id = ?",
                        event.recordId()),
                "record",
                event.recordId());
    }

    @EventHandler
    void on(CitationAdded event) {
        Citation citation = event.citation();
        jdbc.update(
                "insert into catalog_citation (record_id, resource_id, weight) values (?, ?, ?)",
                event.recordId(),
                citation.resourceId(),
                citation.weight());
    }

    @EventHandler
    void on(CitationRemoved event) {
        requireOne(
                jdbc.update(
                        "delete from catalog_citation where record_id = ? and resource_id = ?",
                        event.recordId(),
                        event.resourceId()),
                "citation of",
                event.recordId());
    }

    /** Empties the tables before a rebuild from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from catalog_citation");
        jdbc.update("delete from catalog_record");
        jdbc.update("delete from catalog_artist");
    }

    private void insertRecord(String recordId, String creatorId) {
        jdbc.update(
                "insert into catalog_record (record_id, creator_id, taken_down) values (?, ?, false)",
                recordId,
                creatorId);
    }

    private static void requireOne(int rows, String what, String id) {
        if (rows != 1) {
            throw new IllegalStateException(
                    "catalog has no " + what + " " + id + " that the event refers to");
        }
    }
}
