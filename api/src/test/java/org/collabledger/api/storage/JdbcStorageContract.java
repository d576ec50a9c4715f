package org.collabledger.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.messaging.MetaData;
import org.collabledger.api.evidence.LedgerSeal;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.MediaType;
import org.collabledger.domain.record.RecordEvent.RecordRemixed;
import org.collabledger.projections.lineage.LineageGraph;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.lineage.LineageStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The storage contract, plus what only the JDBC engine has to earn: transactions commit out of
 * order, and events are numbered only once they have committed, so a reader that has seen a
 * position never meets an event at or below it later.
 */
abstract class JdbcStorageContract extends StorageContract {

    private static final String LINEAGE = LineageProjection.PROCESSING_GROUP;

    /**
     * Longer than every timeout the ledger once had at an empty position (the seal waited 60 s at
     * most).
     */
    private static final Duration HELD = Duration.ofSeconds(61);

    @Autowired PlatformTransactionManager transactions;

    @Autowired EventProcessingConfiguration processing;

    @Autowired LineageStore lineageStore;

    @Autowired LineageGraph lineageGraph;

    @Autowired LedgerSeal seal;

    @Autowired EventSequencer sequencer;

    @Autowired JdbcTemplate jdbc;

    /**
     * A unit of work that appended before a later command committed, held open longer than every
     * former timeout: meanwhile answers, feed pages and the seal go past the later command; once it
     * commits, its event is numbered above everything already read, so no answer given changes, a
     * client paging on from {@code next} gets it, a follower's graph catches up with it, and the
     * seal verifies clean.
     */
    @Test
    void aUnitOfWorkHeldOpenLongerThanEveryFormerTimeoutIsNumberedAboveWhatWasRead()
            throws Exception {
        try (HeldBelow held = new HeldBelow("late")) {
            LineageGraph follower = new LineageGraph();
            lineageStore.load(follower);
            String descendants = "/api/records/" + held.root + "/lineage?direction=descendants";
            long deadline = System.nanoTime() + HELD.toNanos();
            while (System.nanoTime() < deadline) {
                seal.sealAvailable();
                Thread.sleep(1_000);
            }
            long answered = projections.position(LINEAGE);
            assertThat(answered)
                    .as("answers pass the later command")
                    .isGreaterThanOrEqualTo(held.afterPosition);
            assertThat(seal.position())
                    .as("the seal passes it too")
                    .isGreaterThanOrEqualTo(held.afterPosition);
            JsonNode page = page(held.afterPosition - 1);
            assertThat(page.path("events").toString())
                    .contains(held.after)
                    .doesNotContain(held.heldId);
            long next = page.path("next").asLong();
            String before = body(descendants + "&asOf=" + answered);
            assertThat(before).contains(held.after).doesNotContain(held.heldId);

            held.end(true);
            awaitAll();
            assertThat(held.heldPosition())
                    .as("numbered above everything read")
                    .isGreaterThan(answered)
                    .isGreaterThan(next)
                    .isGreaterThan(seal.position());
            assertThat(body(descendants + "&asOf=" + answered)).isEqualTo(before);
            assertThat(body(descendants)).contains(held.heldId, held.after);
            assertThat(page(next).path("events").toString()).contains(held.heldId);

            lineageStore.catchUp(follower);
            assertThat(follower.node(UUID.fromString(held.heldId), Long.MAX_VALUE))
                    .as("the late remix on the follower")
                    .isNotNegative();
            assertThat(follower.nodeCount()).isEqualTo(lineageGraph.nodeCount());
            assertThat(follower.edgeCount()).isEqualTo(lineageGraph.edgeCount());

            seal.sealAvailable();
            String digest = auditor.get("/api/ledger/digest/file").raw().body();
            JsonNode report = auditor.postRaw("/api/ledger/verify", digest, "text/plain").json();
            assertThat(report.path("clean").asBoolean()).as(report.toString()).isTrue();
        }
    }

    /**
     * A unit of work that rolls back leaves no trace: no empty position, nothing for any reader to
     * wait at.
     */
    @Test
    void aUnitOfWorkThatRollsBackLeavesNoEmptyPosition() throws Exception {
        try (HeldBelow held = new HeldBelow("rolled-back")) {
            held.end(false);
            String remix = scenario.remix(held.ana, "after-roll-back", held.root, 1);
            awaitAll();
            long position =
                    jdbc.queryForObject(
                            "select global_index from domain_event_entry "
                                    + "where aggregate_identifier = ?",
                            Long.class,
                            remix);
            assertThat(
                            jdbc.queryForObject(
                                    "select count(*) from domain_event_entry where global_index > ? "
                                            + "and global_index <= ?",
                                    Long.class,
                                    held.afterPosition,
                                    position))
                    .as("every position from the later command's to this one holds an event")
                    .isEqualTo(position - held.afterPosition);
            assertThat(body("/api/records/" + held.root + "/lineage?direction=descendants"))
                    .contains(held.after, remix)
                    .doesNotContain(held.heldId);
        }
    }

    /** The global feed's page after {@code after}, of up to 1,000 events. */
    private JsonNode page(long after) {
        return auditor.get("/api/events?after=" + after + "&limit=1000").json();
    }

    /**
     * A root record; a remix of it appended by a unit of work that stays open until told to commit
     * or roll back; then a remix of it committed by a command, which the lineage processor has read
     * past.
     */
    private final class HeldBelow implements AutoCloseable {

        final String ana;
        final String root;
        final String heldId = UUID.randomUUID().toString();
        final String after;
        final long afterPosition;
        private final CountDownLatch release = new CountDownLatch(1);
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final Future<?> done;
        private volatile boolean commit;

        HeldBelow(String name) throws InterruptedException {
            ana = scenario.artist(name + "-" + UUID.randomUUID().toString().substring(0, 8));
            root = scenario.upload(ana, "root");
            awaitAll();
            DomainEventMessage<?> remix =
                    new GenericDomainEventMessage<>(
                            "Record",
                            heldId,
                            0,
                            new RecordRemixed(
                                    heldId,
                                    ana,
                                    name,
                                    MediaType.AUDIO,
                                    "ab".repeat(32),
                                    "https://media.example/" + heldId,
                                    List.of(new Citation(root, 1))),
                            MetaData.with("actor", "contract"));
            CountDownLatch appended = new CountDownLatch(1);
            done =
                    thread.submit(
                            () ->
                                    new TransactionTemplate(transactions)
                                            .executeWithoutResult(
                                                    status -> {
                                                        engine.appendEvents(remix);
                                                        appended.countDown();
                                                        try {
                                                            release.await();
                                                        } catch (InterruptedException e) {
                                                            Thread.currentThread().interrupt();
                                                        }
                                                        if (!commit) {
                                                            status.setRollbackOnly();
                                                        }
                                                    }));
            assertThat(appended.await(30, TimeUnit.SECONDS)).as("appended").isTrue();
            after = scenario.remix(ana, "after", root, 1);
            afterPosition = processedPast(after);
        }

        /**
         * Ends the held unit of work, and once committed waits for the round that numbers it, as a
         * caller would.
         */
        void end(boolean commitIt) throws Exception {
            commit = commitIt;
            release.countDown();
            done.get(30, TimeUnit.SECONDS);
            sequencer.numberCommitted();
        }

        @Override
        public void close() {
            release.countDown();
            thread.shutdownNow();
        }

        /** The position the held remix took, once it has committed. */
        long heldPosition() {
            return jdbc.queryForObject(
                    "select global_index from domain_event_entry where aggregate_identifier = ?",
                    Long.class,
                    heldId);
        }

        /**
         * The position of {@code recordId}'s first event, once the lineage processor's token has
         * passed it.
         */
        private long processedPast(String recordId) throws InterruptedException {
            long position =
                    after(engine.createTailToken()).stream()
                            .filter(
                                    e ->
                                            e instanceof DomainEventMessage<?> d
                                                    && d.getAggregateIdentifier().equals(recordId))
                            .findFirst()
                            .orElseThrow()
                            .trackingToken()
                            .position()
                            .orElseThrow();
            TrackingEventProcessor lineage =
                    processing.eventProcessor(LINEAGE, TrackingEventProcessor.class).orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (lineage.processingStatus().get(0).getCurrentPosition().orElse(0) < position) {
                assertThat(System.nanoTime())
                        .as("the lineage processor reads past " + position)
                        .isLessThan(deadline);
                Thread.sleep(10);
            }
            return position;
        }
    }
}
