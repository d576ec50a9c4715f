package org.collabledger.api.operations;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code seal} health: how far the seal trails the head. Not part of readiness: the seal grows
 * in the background, and only digests and proofs of events it has not reached yet wait for it.
 */
@Component
public class SealHealthIndicator implements HealthIndicator {

    private final LedgerLag lag;

    public SealHealthIndicator(LedgerLag lag) {
        this.lag = lag;
    }

    @Override
    public Health health() {
        try {
            LedgerLag.Standing standing = lag.now();
            return Health.up()
                    .withDetails(ProjectionsHealthIndicator.details(standing.seal()))
                    .build();
        } catch (RuntimeException notAnswering) {
            return Health.down(notAnswering).build();
        }
    }
}
