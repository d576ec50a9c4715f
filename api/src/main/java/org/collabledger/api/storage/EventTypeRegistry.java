package org.collabledger.api.storage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.collabledger.domain.allocation.AllocationEvent;
import org.collabledger.domain.artist.ArtistEvent;
import org.collabledger.domain.collaboration.CollaborationEvent;
import org.collabledger.domain.record.RecordEvent;
import org.collabledger.domain.release.ReleaseEvent;
import org.collabledger.domain.shared.EventType;
import org.collabledger.domain.treasury.TreasuryEvent;

/**
 * Maps every domain event class to its stable stored name and back. Built from the sealed event
 * interfaces, so adding an event to one of them is all it takes to register it.
 */
public final class EventTypeRegistry {

    /** The sealed interfaces whose permitted records are the ledger's events. */
    public static final List<Class<?>> EVENT_FAMILIES =
            List.of(
                    ArtistEvent.class,
                    RecordEvent.class,
                    CollaborationEvent.class,
                    ReleaseEvent.class,
                    AllocationEvent.class,
                    TreasuryEvent.class);

    private final Map<Class<?>, EventType> byClass = new HashMap<>();
    private final Map<String, Class<?>> byName = new HashMap<>();

    public EventTypeRegistry() {
        for (Class<?> family : EVENT_FAMILIES) {
            for (Class<?> type : family.getPermittedSubclasses()) {
                EventType stable = type.getAnnotation(EventType.class);
                if (stable == null) {
                    throw new IllegalStateException(
                            type.getName() + " is an event without an @EventType name");
                }
                Class<?> clash = byName.put(stable.name(), type);
                if (clash != null) {
                    throw new IllegalStateException(
                            "event name "
                                    + stable.name()
                                    + " is used by both "
                                    + clash.getName()
                                    + " and "
                                    + type.getName());
                }
                byClass.put(type, stable);
            }
        }
    }

    /** The stable name and revision of a registered event class. */
    public Optional<EventType> typeOf(Class<?> type) {
        return Optional.ofNullable(byClass.get(type));
    }

    /** The event class stored under {@code name}, if it is a registered event name. */
    public Optional<Class<?>> classOf(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
