package org.collabledger.api.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gauges of the head, and of each tracking processor's and the seal's lag in positions and in
 * seconds, read from {@link LedgerLag} when scraped.
 */
@Component
public class LagMetrics {

    private final LedgerLag lag;
    private final MeterRegistry registry;

    public LagMetrics(LedgerLag lag, MeterRegistry registry) {
        this.lag = lag;
        this.registry = registry;
    }

    /** Registers the gauges once Axon's processors exist. */
    @EventListener(ApplicationStartedEvent.class)
    void register() {
        gauge("ledger.store.head", null, null, standing -> standing.head());
        for (String name : lag.processors()) {
            gauge(
                    "ledger.projection.lag.events",
                    name,
                    null,
                    standing -> standing.processors().get(name).events());
            gauge(
                    "ledger.projection.lag",
                    name,
                    "seconds",
                    standing -> standing.processors().get(name).seconds());
        }
        gauge("ledger.seal.lag.events", null, null, standing -> standing.seal().events());
        gauge("ledger.seal.lag", null, "seconds", standing -> standing.seal().seconds());
    }

    private void gauge(
            String name,
            String processor,
            String unit,
            ToDoubleFunction<LedgerLag.Standing> value) {
        Gauge.Builder<LedgerLag> gauge =
                Gauge.builder(name, lag, current -> value.applyAsDouble(current.now()))
                        .baseUnit(unit);
        if (processor != null) {
            gauge.tag("projection", processor);
        }
        gauge.register(registry);
    }
}
