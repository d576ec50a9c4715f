package org.collabledger.api.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.collabledger.api.evidence.LedgerSeal;
import org.collabledger.api.projections.Projections;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How far each tracking processor and the seal are behind the newest stored event, in positions and
 * in seconds; read at most once a second, however many probes and scrapes ask.
 */
@Component
public class LedgerLag {

    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    /**
     * Where one reader of the global stream stands: its position, how many positions the head is
     * ahead of it, and how long ago the oldest event it has not read was stored (0 when it has read
     * everything; NaN when that event is not in the SQL event table yet, as on KurrentDB before the
     * mirror copies it).
     */
    public record Lag(long position, long events, double seconds) {}

    /** The store's head, each tracking processor's lag by name, and the seal's lag. */
    public record Standing(long head, Map<String, Lag> processors, Lag seal) {}

    private final Projections projections;
    private final EventProcessingConfiguration processing;
    private final LedgerSeal seal;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    private Standing last;
    private long readAt;

    public LedgerLag(
            Projections projections,
            EventProcessingConfiguration processing,
            LedgerSeal seal,
            JdbcTemplate jdbc,
            Clock clock) {
        this.projections = projections;
        this.processing = processing;
        this.seal = seal;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The names of the tracking processors: the projections and, on KurrentDB, the mirrors. */
    public List<String> processors() {
        return processing.eventProcessors().entrySet().stream()
                .filter(processor -> processor.getValue() instanceof TrackingEventProcessor)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * The standing now, or as read less than a second ago; fails when the store does not answer.
     */
    public synchronized Standing now() {
        if (last == null || System.nanoTime() - readAt > FRESH_NANOS) {
            last = read();
            readAt = System.nanoTime();
        }
        return last;
    }

    private Standing read() {
        long head = projections.head();
        Instant now = clock.instant();
        Map<String, Lag> processors = new TreeMap<>();
        for (String name : processors()) {
            processors.put(name, lag(projections.position(name), head, now));
        }
        return new Standing(head, processors, lag(seal.position(), head, now));
    }

    private Lag lag(long position, long head, Instant now) {
        if (position >= head) {
            return new Lag(position, 0, 0);
        }
        List<String> oldestUnread =
                jdbc.queryForList(
                        "select time_stamp from domain_event_entry where global_index > ? "
                                + "order by global_index limit 1",
                        String.class,
                        position);
        if (oldestUnread.isEmpty()) {
            return new Lag(position, head - position, Double.NaN);
        }
        Duration age = Duration.between(DateTimeUtils.parseInstant(oldestUnread.get(0)), now);
        return new Lag(position, head - position, Math.max(0, age.toMillis() / 1000.0));
    }
}
