package org.collabledger.api.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event store settings: which engine keeps the events ({@code jdbc}, the default, in the application's own
 * database; or {@code kurrent}) and after how many events the treasury of a currency is snapshotted.
 */
@ConfigurationProperties("ledger.storage")
public record StorageProperties(@DefaultValue("jdbc") String engine, @DefaultValue("500") int treasurySnapshotEvery) {

    /**
     * True when the events live outside the application's database, so no transaction holds both the events
     * and the rows a command writes beside them.
     */
    public boolean eventsElsewhere() {
        return !"jdbc".equals(engine);
    }
}
