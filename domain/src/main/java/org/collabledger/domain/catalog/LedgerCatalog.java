package org.collabledger.domain.catalog;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * What a command needs to know about other aggregates: which artists and records exist, whether a
 * record is taken down, and what the lineage already says. The storage wiring answers from tables
 * written in the same transaction as the events, so a check and the append cannot race.
 */
public interface LedgerCatalog {

    /** True when an artist with this id has been registered. */
    boolean artistExists(String artistId);

    /** The id of the artist holding {@code handle}, if any. */
    Optional<String> artistByHandle(String handle);

    /**
     * The current state of each known record among {@code recordIds}, locked until the calling
     * transaction ends so that a concurrent takedown waits for (or is seen by) this command.
     * Unknown ids are absent from the result.
     */
    Map<String, RecordState> lockRecords(Collection<String> recordIds);

    /**
     * Locks one record exclusively until the calling transaction ends, before a change of its state
     * (a takedown) is appended: the change then waits for every command holding the record through
     * {@link #lockRecords}, so its event lands after theirs in the global order as well.
     */
    void lockRecordExclusively(String recordId);

    /**
     * Serialises lineage corrections: held until the calling transaction ends, so that two
     * corrections can never together close a cycle that neither alone would.
     */
    void lockLineage();

    /**
     * True when {@code ancestorId} is {@code recordId} itself or reachable from it through cited
     * resources.
     */
    boolean reaches(String recordId, String ancestorId);

    /** The part of a record a cross-aggregate rule needs. */
    record RecordState(String recordId, String creatorId, boolean takenDown) {}
}
