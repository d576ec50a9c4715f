package org.collabledger.api.storage;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Event store tuning: after how many events the treasury of a currency is snapshotted. */
@ConfigurationProperties("ledger.storage")
public record StorageProperties(@DefaultValue("500") int treasurySnapshotEvery) {
}
