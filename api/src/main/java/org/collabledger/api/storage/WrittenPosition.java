package org.collabledger.api.storage;

import java.util.OptionalLong;

/**
 * The global position of the last event the current thread's commands wrote, handed from the event store,
 * which learns it once the events are numbered after their commit, to the HTTP edge, which answers with it.
 */
public final class WrittenPosition {

    private static final ThreadLocal<Long> LAST = new ThreadLocal<>();

    private WrittenPosition() {
    }

    /** Notes that the current thread's commands wrote an event at {@code position}. */
    public static void record(long position) {
        Long before = LAST.get();
        LAST.set(before == null ? position : Math.max(before, position));
    }

    /** The highest position noted since the last call on this thread, and forgets it. */
    public static OptionalLong take() {
        Long last = LAST.get();
        LAST.remove();
        return last == null ? OptionalLong.empty() : OptionalLong.of(last);
    }
}
