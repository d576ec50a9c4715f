package org.collabledger.api.storage;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background task run at a fixed pace on a thread of its own while the application runs (zero
 * pace: not at all). A failed run is logged and the next one tries again; a stop lets a run under
 * way finish rather than interrupting it: an interrupt during an H2 file read closes H2's file
 * channel for good, and nothing after it could use the database.
 */
public final class Periodic implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Periodic.class);

    private final String name;
    private final Duration pace;
    private final Runnable task;
    private ScheduledExecutorService executor;

    /** {@code task} every {@code pace} on a thread called {@code name}. */
    public Periodic(String name, Duration pace, Runnable task) {
        this.name = name;
        this.pace = pace;
        this.task = task;
    }

    @Override
    public synchronized void start() {
        if (pace.isZero()) {
            return;
        }
        executor =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, name);
                            thread.setDaemon(true);
                            return thread;
                        });
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.warn("{} failed; trying again in {}", name, pace, e);
                    }
                },
                0,
                pace.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
