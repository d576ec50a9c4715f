package org.collabledger.api.storage.kurrent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where KurrentDB is, when {@code ledger.storage.engine=kurrent}.
 *
 * @param connectionString appends, aggregate reads and snapshots; must reach the leader
 * @param readConnectionString the tracking processors' reads of {@code $all}, e.g. preferring
 *     followers; empty means the same as {@code connectionString}
 * @param batchSize events per read
 * @param timeout how long one call may take
 */
@ConfigurationProperties("ledger.storage.kurrent")
public record KurrentProperties(
        String connectionString,
        @DefaultValue("") String readConnectionString,
        @DefaultValue("1000") int batchSize,
        @DefaultValue("30s") Duration timeout) {}
