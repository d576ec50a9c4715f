package org.collabledger.api.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed events their global positions, in the order they became visible. Appends insert
 * events without a position; a round of the sequencer, in a transaction of its own holding the lock
 * on the one row of {@code event_sequencer}, numbers the committed rows it finds without one
 * (oldest insert first) from the last position given on. Rounds of every node run one at a time,
 * and a round's positions become visible together at its commit, so once a reader has seen position
 * p, no event ever appears at or below p: the projections, the feed, the seal and a follower node
 * read a plain increasing position.
 *
 * <p>One thread per process runs the rounds ({@link #start}): a commit asks it for one ({@link
 * #requestRound}) and goes on; only a caller that must know its position (the HTTP edge, for the
 * command's answer) waits for a round that began after its commit ({@link #awaitRoundAfter}), and
 * commits that come together share a round. Without a request the thread runs a round at a fixed
 * pace, for what a process that died between its commit and its round left.
 */
public class EventSequencer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventSequencer.class);

    /** Rows one round numbers at most; a round that filled it goes on with the next. */
    private static final int ROUND = 1_000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Runnable numbered;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * Rounds started in this process; a round started after a commit has seen that commit's rows.
     */
    private final AtomicLong roundsStarted = new AtomicLong();

    private volatile long head;
    private final Duration pace;
    private final Object signal = new Object();
    private boolean requested;
    private volatile Thread thread;

    /**
     * A sequencer on {@code jdbc}'s database whose rounds commit through {@code transactions},
     * calling {@code numbered} after a round that numbered anything (to wake the readers of new
     * events).
     */
    public EventSequencer(
            JdbcTemplate jdbc, PlatformTransactionManager transactions, Runnable numbered) {
        this(jdbc, transactions, numbered, Duration.ZERO);
    }

    /**
     * The same, its background thread running a round when asked and otherwise every {@code pace}.
     */
    public EventSequencer(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            Runnable numbered,
            Duration pace) {
        this.pace = pace;
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.numbered = numbered;
    }

    /**
     * Numbers every event committed before this call, running a round unless one started after the
     * call began (it then saw those events); returns the last position this process knows to be
     * given.
     */
    public long numberCommitted() {
        return awaitRoundAfter(roundsStarted.get());
    }

    /**
     * Asks the background thread for a round, right after a commit, and returns the ticket to wait
     * on for it; without a background thread, runs it at once.
     */
    public long requestRound() {
        long ticket = roundsStarted.get();
        if (thread == null) {
            awaitRoundAfter(ticket);
            return ticket;
        }
        synchronized (signal) {
            requested = true;
            signal.notifyAll();
        }
        return ticket;
    }

    /**
     * Returns once a round that started after {@code ticket} was taken has completed (running it
     * here if none has), so every event committed before the ticket is numbered; returns the last
     * position given.
     */
    public long awaitRoundAfter(long ticket) {
        lock.lock();
        try {
            if (roundsStarted.get() == ticket) {
                roundsStarted.incrementAndGet();
                runRounds();
            }
            return head;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public synchronized void start() {
        if (pace.isZero() || thread != null) {
            return;
        }
        Thread rounds = new Thread(this::run, "event-sequencer");
        rounds.setDaemon(true);
        thread = rounds;
        rounds.start();
    }

    /**
     * Lets a round under way finish: an interrupt during an H2 file read would close H2's file
     * channel for good.
     */
    @Override
    public void stop() {
        Thread rounds;
        synchronized (this) {
            rounds = thread;
            thread = null;
        }
        if (rounds != null) {
            synchronized (signal) {
                signal.notifyAll();
            }
            try {
                rounds.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            synchronized (signal) {
                if (!requested) {
                    try {
                        signal.wait(pace.toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                requested = false;
            }
            try {
                numberCommitted();
            } catch (RuntimeException e) {
                log.warn("a sequencer round failed; the next one tries again", e);
            }
        }
    }

    private void runRounds() {
        Round round;
        boolean any = false;
        do {
            round = ownTransaction.execute(status -> round());
            head = Math.max(head, round.last());
            any |= round.count() > 0;
        } while (round.count() == ROUND);
        if (any) {
            numbered.run();
        }
    }

    /**
     * What one round did: how many rows it numbered, and the last position given when it committed.
     */
    private record Round(int count, long last) {}

    /**
     * One round: locks the sequencer row, numbers up to {@value #ROUND} committed rows, moves the
     * row on.
     */
    private Round round() {
        long last =
                jdbc.queryForObject(
                        "select last_position from event_sequencer where id = 1 for update",
                        Long.class);
        List<Long> entries =
                jdbc.queryForList(
                        "select entry_id from domain_event_entry where global_index is null "
                                + "order by entry_id limit "
                                + ROUND,
                        Long.class);
        if (!entries.isEmpty()) {
            List<Object[]> positions = new ArrayList<>(entries.size());
            for (Long entry : entries) {
                positions.add(new Object[] {++last, entry});
            }
            jdbc.batchUpdate(
                    "update domain_event_entry set global_index = ? where entry_id = ?", positions);
            jdbc.update("update event_sequencer set last_position = ? where id = 1", last);
        }
        return new Round(entries.size(), last);
    }

    /** The position of the event {@code eventId}, once numbered; null before. */
    public Long positionOf(String eventId) {
        List<Long> found =
                jdbc.queryForList(
                        "select global_index from domain_event_entry where event_identifier = ?",
                        Long.class,
                        eventId);
        return found.isEmpty() ? null : found.get(0);
    }
}
