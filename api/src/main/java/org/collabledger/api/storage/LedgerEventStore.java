package org.collabledger.api.storage;

import java.util.List;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, told when the sequencer has numbered new events: its producer, which
 * feeds the tracking processors, then reads at once instead of after its fetch delay. Axon wakes it
 * after each unit of work commits, which is too early here: the events are numbered only after the
 * database commit.
 */
public final class LedgerEventStore extends EmbeddedEventStore {

    LedgerEventStore(Builder builder) {
        super(builder);
    }

    /** Wakes the producer, if it waits for new events. */
    public void eventsNumbered() {
        afterCommit(List.of());
    }
}
