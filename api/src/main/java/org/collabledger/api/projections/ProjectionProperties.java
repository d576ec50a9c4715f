package org.collabledger.api.projections;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the projections' processors: how many events one transaction applies, and for the
 * processors whose read model does not depend on the order of different aggregates' events
 * (releases, money), into how many segments their stream is split and how many of them one node may
 * run at once.
 *
 * @param segments segments per processor name, 1 when not given
 * @param threads segments one node runs at once, per processor name; the segment count when not
 *     given, so a single surviving node takes every segment over
 */
@ConfigurationProperties("ledger.projections")
public record ProjectionProperties(
        @DefaultValue("500") int batchSize,
        Map<String, Integer> segments,
        Map<String, Integer> threads) {

    /** Segments of {@code processor}. */
    public int segmentsOf(String processor) {
        return segments == null ? 1 : segments.getOrDefault(processor, 1);
    }

    /** Threads of {@code processor} on this node. */
    public int threadsOf(String processor) {
        return threads == null
                ? segmentsOf(processor)
                : threads.getOrDefault(processor, segmentsOf(processor));
    }
}
