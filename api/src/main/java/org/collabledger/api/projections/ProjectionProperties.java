package org.collabledger.api.projections;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Tuning of the projections' processors: how many events one transaction applies. */
@ConfigurationProperties("ledger.projections")
public record ProjectionProperties(@DefaultValue("500") int batchSize) {
}
