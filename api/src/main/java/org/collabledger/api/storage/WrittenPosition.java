package org.collabledger.api.storage;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The global position of the last event the current thread's commands wrote, handed from the event
 * store to the HTTP edge, which answers with it. The store notes how to learn it once its events
 * are numbered after their commit; only a caller that takes it waits for that, so commands sent
 * another way never do. Only the latest is kept: events appended or committed later on one thread
 * are numbered at or above earlier ones.
 */
public final class WrittenPosition {

    private static final ThreadLocal<LongSupplier> LATEST = new ThreadLocal<>();

    private WrittenPosition() {}

    /**
     * Notes that the current thread's commands wrote an event whose position {@code position} tells
     * (-1: none).
     */
    public static void noted(LongSupplier position) {
        LATEST.set(position);
    }

    /** Forgets what this thread noted, before a request of its own begins. */
    public static void clear() {
        LATEST.remove();
    }

    /** The position noted last on this thread, waiting for it if need be, and forgets it. */
    public static OptionalLong take() {
        LongSupplier latest = LATEST.get();
        LATEST.remove();
        long position = latest == null ? -1 : latest.getAsLong();
        return position < 0 ? OptionalLong.empty() : OptionalLong.of(position);
    }
}
