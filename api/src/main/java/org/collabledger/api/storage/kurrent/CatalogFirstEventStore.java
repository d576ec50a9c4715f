package org.collabledger.api.storage.kurrent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

/**
 * Axon's embedded event store, except that its subscribers (the catalog) take a unit of work's
 * events before they are appended, not after. An append to KurrentDB cannot be rolled back with the
 * database transaction, so whatever the database refuses in the catalog (a handle a concurrent
 * registration has just taken) must refuse the command while nothing is stored yet; the database
 * commit still comes after the append.
 */
final class CatalogFirstEventStore extends EmbeddedEventStore {

    private final Set<Consumer<List<? extends EventMessage<?>>>> subscribers =
            new CopyOnWriteArraySet<>();

    CatalogFirstEventStore(Builder builder) {
        super(builder);
    }

    @Override
    public Registration subscribe(Consumer<List<? extends EventMessage<?>>> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        subscribers.forEach(subscriber -> subscriber.accept(events));
        super.prepareCommit(events);
    }
}
