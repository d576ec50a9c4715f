package org.collabledger.api.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event store settings: which engine keeps the events ({@code jdbc}, the default, in the application's own
 * database; or {@code kurrent}), after how many events the treasury of a currency is snapshotted, and how
 * often the JDBC engine's sequencer looks for committed events no commit's own round numbered
 * ({@link EventSequencer}: those of a process that died in between).
 */
@ConfigurationProperties("ledger.storage")
public record StorageProperties(@DefaultValue("jdbc") String engine, @DefaultValue("500") int treasurySnapshotEvery,
                                @DefaultValue("200ms") Duration sequencerSweep) {

    /**
     * True when the events live outside the application's database, so no transaction holds both the events
     * and the rows a command writes beside them.
     */
    public boolean eventsElsewhere() {
        return !"jdbc".equals(engine);
    }
}
