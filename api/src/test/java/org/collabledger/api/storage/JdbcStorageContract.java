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
 * The storage contract, plus what only the JDBC engine has: positions with no event yet whose units of work
 * may still commit. Subclasses set the gap timeout far beyond every wait here, so answers pass such a position
 * only when its unit of work is known to have ended.
 */
abstract class JdbcStorageContract extends StorageContract {

    private static final String LINEAGE = LineageProjection.PROCESSING_GROUP;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    LineageStore lineageStore;

    @Autowired
    LineageGraph lineageGraph;

    @Autowired
    JdbcTemplate jdbc;

    /**
     * A unit of work that took its position and commits after a later one: while it is open, answers stand below
     * it, and the answer given at that position does not change when it lands.
     */
    @Test
    void anAnswerStaysWhenAUnitOfWorkBelowItCommitsLate() throws Exception {
        try (HeldBelow held = new HeldBelow("late")) {
            // A second node's graph, following the tables this node's processor writes.
            LineageGraph follower = new LineageGraph();
            lineageStore.load(follower);
            long answered = projections.position(LINEAGE);
            for (int i = 0; i < 20; i++) {
                assertThat(projections.position(LINEAGE)).as("answers stand below the open unit of work")
                        .isEqualTo(answered).isLessThan(held.afterPosition - 1);
                Thread.sleep(10);
            }
            String descendants = "/api/records/" + held.root + "/lineage?direction=descendants&asOf=" + answered;
            String before = body(descendants);
            assertThat(before).doesNotContain(held.after);

            held.end(true);
            awaitAll();
            assertThat(body(descendants)).isEqualTo(before);
            assertThat(body("/api/records/" + held.root + "/lineage?direction=descendants"))
                    .contains(held.heldId, held.after);

            lineageStore.catchUp(follower);
            assertThat(follower.node(UUID.fromString(held.heldId), Long.MAX_VALUE)).as("the late remix on the follower")
                    .isNotNegative();
            assertThat(follower.citation(UUID.fromString(held.heldId), UUID.fromString(held.root), held.heldPosition()))
                    .isNotNegative();
            assertThat(follower.lateApplied()).isEqualTo(lineageGraph.lateApplied()).isPositive();
            assertThat(follower.nodeCount()).isEqualTo(lineageGraph.nodeCount());
            assertThat(follower.edgeCount()).isEqualTo(lineageGraph.edgeCount());
        }
    }

    /** A unit of work that took its position and rolled back holds answers only until it has ended. */
    @Test
    void aUnitOfWorkThatRollsBackHoldsAnswersOnlyWhileOpen() throws Exception {
        try (HeldBelow held = new HeldBelow("rolled-back")) {
            assertThat(projections.position(LINEAGE)).isLessThan(held.afterPosition - 1);

            held.end(false);
            awaitAll();
            assertThat(projections.position(LINEAGE)).isGreaterThanOrEqualTo(held.afterPosition);
            assertThat(body("/api/records/" + held.root + "/lineage?direction=descendants"))
                    .contains(held.after).doesNotContain(held.heldId);
        }
    }

    /**
     * The global feed ends its page below a unit of work that may still commit, so a client paging on from
     * {@code next} gets the late event; once that unit of work has rolled back, pages pass its position.
     */
    @Test
    void theFeedNeverPagesPastAUnitOfWorkThatMayStillCommit() throws Exception {
        try (HeldBelow held = new HeldBelow("feed-late")) {
            long from = Math.max(0, held.afterPosition - 20);
            JsonNode page = page(from);
            long next = page.path("next").asLong();
            assertThat(next).as("the page ends below the open unit of work").isLessThan(held.afterPosition - 1)
                    .isGreaterThanOrEqualTo(from);
            assertThat(page.path("events").toString()).doesNotContain(held.after);
            for (int i = 0; i < 10; i++) {
                Thread.sleep(20);
                assertThat(page(from).path("next").asLong()).isEqualTo(next);
            }

            held.end(true);
            JsonNode rest = page(next);
            assertThat(rest.path("events").toString()).contains(held.heldId, held.after);
            assertThat(rest.path("next").asLong()).isGreaterThanOrEqualTo(held.afterPosition);
            JsonNode remixes = auditor.get("/api/events?type=record.remixed&after=" + from + "&limit=1000").json()
                    .path("events");
            assertThat(remixes.toString()).contains(held.heldId, held.after);
            assertThat(remixes).allSatisfy(e -> assertThat(e.path("payload").path("recordId").asText()).isNotEmpty());
        }
        try (HeldBelow held = new HeldBelow("feed-rolled-back")) {
            long from = Math.max(0, held.afterPosition - 20);
            assertThat(page(from).path("next").asLong())
                    .isLessThan(held.afterPosition - 1);

            held.end(false);
            // A request asks the store for a moment only; a client whose page still ends there asks again.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            JsonNode page = page(from);
            while (page.path("next").asLong() < held.afterPosition && System.nanoTime() < deadline) {
                Thread.sleep(20);
                page = page(from);
            }
            assertThat(page.path("next").asLong()).isGreaterThanOrEqualTo(held.afterPosition);
            assertThat(page.path("events").toString()).contains(held.after).doesNotContain(held.heldId);
        }
    }

    /** The global feed's page after {@code after}, of up to 1,000 events. */
    private JsonNode page(long after) {
        return auditor.get("/api/events?after=" + after + "&limit=1000").json();
    }

    /**
     * A root record; a remix of it appended by a unit of work that stays open until told to commit or roll
     * back; then a remix of it committed by a command, which the lineage processor has read past.
     */
    private final class HeldBelow implements AutoCloseable {

        final String root;
        final String heldId = UUID.randomUUID().toString();
        final String after;
        final long afterPosition;
        private final CountDownLatch release = new CountDownLatch(1);
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final Future<?> done;
        private volatile boolean commit;

        HeldBelow(String name) throws InterruptedException {
            String ana = scenario.artist(name + "-" + UUID.randomUUID().toString().substring(0, 8));
            root = scenario.upload(ana, "root");
            awaitAll();
            DomainEventMessage<?> remix = new GenericDomainEventMessage<>("Record", heldId, 0, new RecordRemixed(
                    heldId, ana, name, MediaType.AUDIO, "ab".repeat(32), "https://media.example/" + heldId,
                    List.of(new Citation(root, 1))), MetaData.with("actor", "contract"));
            CountDownLatch appended = new CountDownLatch(1);
            done = thread.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
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

        void end(boolean commitIt) throws Exception {
            commit = commitIt;
            release.countDown();
            done.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            release.countDown();
            thread.shutdownNow();
        }

        /** The position the held remix took, once it has committed. */
        long heldPosition() {
            return jdbc.queryForObject("select global_index from domain_event_entry where aggregate_identifier = ?",
                    Long.class, heldId);
        }

        /** The position of {@code recordId}'s first event, once the lineage processor's token has passed it. */
        private long processedPast(String recordId) throws InterruptedException {
            long position = after(engine.createTailToken()).stream()
                    .filter(e -> e instanceof DomainEventMessage<?> d && d.getAggregateIdentifier().equals(recordId))
                    .findFirst().orElseThrow().trackingToken().position().orElseThrow();
            TrackingEventProcessor lineage = processing.eventProcessor(LINEAGE, TrackingEventProcessor.class)
                    .orElseThrow();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (lineage.processingStatus().get(0).getCurrentPosition().orElse(0) < position) {
                assertThat(System.nanoTime()).as("the lineage processor reads past " + position).isLessThan(deadline);
                Thread.sleep(10);
            }
            return position;
        }
    }
}
