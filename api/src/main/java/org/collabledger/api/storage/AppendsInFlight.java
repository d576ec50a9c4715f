package org.collabledger.api.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The units of work appending events to one embedded database in this process, numbered in the order they
 * began. An embedded H2 file belongs to one process, so these are all the units of work that can still
 * commit an event there; one per database URL, since two ledgers in one process (tests) may share one.
 */
public final class AppendsInFlight {

    private static final Map<String, AppendsInFlight> BY_DATABASE = new ConcurrentHashMap<>();

    private long issued;
    private final ConcurrentSkipListSet<Long> open = new ConcurrentSkipListSet<>();

    private AppendsInFlight() {
    }

    /** The units of work appending to the database at {@code url} in this process. */
    public static AppendsInFlight of(String url) {
        return BY_DATABASE.computeIfAbsent(url, u -> new AppendsInFlight());
    }

    /** A unit of work is about to append, before its events take their positions; its number. */
    synchronized long begin() {
        issued++;
        open.add(issued);
        return issued;
    }

    /** The unit of work numbered {@code number} committed or rolled back. */
    void end(long number) {
        open.remove(number);
    }

    /** The number of the latest unit of work to begin appending. */
    synchronized long latest() {
        return issued;
    }

    /** True when every unit of work numbered up to {@code number} has ended. */
    boolean endedUpTo(long number) {
        return open.headSet(number, true).isEmpty();
    }
}
