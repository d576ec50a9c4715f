package org.collabledger.api.operations;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The {@code projections} health, part of readiness: DOWN while the event store does not answer,
 * and until every tracking processor has reached the head the store had when this node started (a
 * node that answered before would serve read models missing events it already holds). Once caught
 * up it stays UP while they trail new events, which every node does alike. Details: the head, that
 * start head, and each processor's position and lag.
 */
@Component
public class ProjectionsHealthIndicator implements HealthIndicator {

    private final LedgerLag lag;
    private volatile Long startHead;
    private volatile boolean caughtUp;

    public ProjectionsHealthIndicator(LedgerLag lag) {
        this.lag = lag;
    }

    /** Notes the head once the context and with it Axon's processors have started. */
    @EventListener(ApplicationStartedEvent.class)
    void started() {
        try {
            startHead = lag.now().head();
        } catch (RuntimeException notAnswering) {
            // The first probe the store answers sets it instead.
        }
    }

    @Override
    public Health health() {
        LedgerLag.Standing standing;
        try {
            standing = lag.now();
        } catch (RuntimeException notAnswering) {
            return Health.down(notAnswering).build();
        }
        if (startHead == null) {
            startHead = standing.head();
        }
        long target = startHead;
        caughtUp =
                caughtUp
                        || standing.processors().values().stream()
                                .allMatch(processor -> processor.position() >= target);
        Map<String, Object> processors = new LinkedHashMap<>();
        standing.processors().forEach((name, behind) -> processors.put(name, details(behind)));
        return (caughtUp ? Health.up() : Health.down())
                .withDetail("head", standing.head())
                .withDetail("startHead", target)
                .withDetail("processors", processors)
                .build();
    }

    /** A reader's position and lag, as the health details show them. */
    static Map<String, Object> details(LedgerLag.Lag lag) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("position", lag.position());
        details.put("lagEvents", lag.events());
        details.put("lagSeconds", lag.seconds());
        return details;
    }
}
