package org.collabledger.api.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event store settings: which engine keeps the events ({@code jdbc}, the default, in the
 * application's own database; or {@code kurrent}), after how many events the treasury of a currency
 * is snapshotted, and how often the JDBC engine's sequencer runs a round when no commit asks for
 * one ({@link EventSequencer}: for the events of a process that died between its commit and its
 * round; zero: no sequencer thread, rounds run on the committing thread).
 */
@ConfigurationProperties("ledger.storage")
public record StorageProperties(
        @DefaultValue("jdbc") String engine,
        @DefaultValue("500") int treasurySnapshotEvery,
        @DefaultValue("200ms") Duration sequencerSweep) {

    /**
     * True when the events live outside the application's database, so no transaction holds both
     * the events and the rows a command writes beside them.
     */
    public boolean eventsElsewhere() {
        return !"jdbc".equals(engine);
    }
}
