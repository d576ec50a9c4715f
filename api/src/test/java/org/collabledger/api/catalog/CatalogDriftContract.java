package org.collabledger.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.collabledger.api.support.DatabaseFaults;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.collabledger.domain.artist.ArtistEvent.ArtistRegistered;
import org.collabledger.domain.record.RecordEvent.RecordUploaded;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The catalog the cross-aggregate rules read never drifts from the events, on every engine: no
 * command is answered with success while the catalog lacks its events, and a catalog that missed
 * events (its database commit failed after KurrentDB stored them) is brought up to the log.
 * Failures are injected at the JDBC boundary ({@link DatabaseFaults}); each engine's subclass gives
 * the database and the event store. Reads and commands wait 2 s for a processor, so a catalog that
 * cannot catch up is answered quickly.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.demo.enabled=false", "ledger.reads.wait=2s"})
@Import(DatabaseFaults.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class CatalogDriftContract {

    @LocalServerPort int port;

    @Autowired DatabaseFaults faults;

    @Autowired EventStorageEngine engine;

    @Autowired JdbcTemplate jdbc;

    /**
     * With the events in KurrentDB they are stored before the database commits; in the JDBC engine,
     * with it.
     */
    @Value("${ledger.storage.engine:jdbc}")
    String engineName;

    Scenario scenario;
    LedgerHttp artist;

    @BeforeEach
    void clients() {
        scenario = new Scenario(port);
        artist = LedgerHttp.on(port, "artist");
    }

    /**
     * A catalog row the database refuses refuses the command before its events are stored, on any
     * engine.
     */
    @Test
    void aRegistrationWhoseCatalogRowIsRefusedStoresNoEvent() {
        String handle = handle("refused");
        TrackingToken head = engine.createHeadToken();
        int injected = faults.injected();
        faults.refuseNextWriteOf("catalog_artist");

        LedgerHttp.Response refused =
                artist.post("/api/artists", Map.of("handle", handle, "displayName", "R"));

        assertThat(faults.injected()).as("the refusal was injected").isEqualTo(injected + 1);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(500);
        assertThat(registrations(head, handle)).isZero();
        scenario.artist(handle);
        assertThat(registrations(head, handle)).isEqualTo(1);
    }

    /**
     * An upload whose database commit fails: in the JDBC engine nothing is stored and the answer is
     * an error; with the events in KurrentDB they are stored, and the answer is the upload's
     * success only once the catalog holds it. Either way a retry with the same key ends with one
     * upload, which a remix may cite.
     */
    @Test
    void anUploadWhoseCommitFailsIsAnsweredWithSuccessOnlyOnceTheCatalogHoldsIt() {
        Upload upload = new Upload("commit-failed");
        int injected = faults.injected();
        faults.failCommitsWriting("catalog_record", 1);

        LedgerHttp.Response first = upload.send();
        boolean catalogedWhenAnswered = first.status() == 201 && cataloged(first.id());

        assertThat(faults.injected()).as("the commit failure was injected").isEqualTo(injected + 1);
        if (eventsStoredBeforeCommit()) {
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            assertThat(catalogedWhenAnswered)
                    .as("the catalog holds the upload when it is answered")
                    .isTrue();
        } else {
            assertThat(first.status()).as(first.toString()).isEqualTo(500);
            assertThat(upload.stored()).isZero();
        }
        upload.retriedUntilCitable(first);
    }

    /**
     * A registration whose database commit fails leaves its handle taken exactly when it was
     * stored.
     */
    @Test
    void aHandleIsTakenExactlyWhenItsRegistrationIsStored() {
        String handle = handle("taken");
        TrackingToken head = engine.createHeadToken();
        Map<String, String> body = Map.of("handle", handle, "displayName", "T");
        int injected = faults.injected();
        faults.failCommitsWriting("catalog_artist", 1);

        LedgerHttp.Response first = artist.post("/api/artists", body);
        LedgerHttp.Response second = artist.post("/api/artists", body);

        assertThat(faults.injected()).as("the commit failure was injected").isEqualTo(injected + 1);
        if (eventsStoredBeforeCommit()) {
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
            assertThat(second.status()).as(second.toString()).isEqualTo(409);
            assertThat(second.json().path("code").asText()).isEqualTo("handle-taken");
        } else {
            assertThat(first.status()).as(first.toString()).isEqualTo(500);
            assertThat(second.status()).as(second.toString()).isEqualTo(201);
        }
        assertThat(registrations(head, handle)).isEqualTo(1);
    }

    /**
     * While the catalog cannot take an upload's rows (every commit writing them fails), the upload
     * is never answered with success: with the events in KurrentDB it is answered 503 as stored,
     * and so is a retry; once commits succeed again, a retry with the same key is answered with the
     * one upload, which a remix may cite.
     */
    @Test
    void anUploadIsNotAnsweredWithSuccessWhileTheCatalogCannotTakeIt() {
        Upload upload = new Upload("catalog-down");
        faults.failCommitsWriting("catalog_record", Integer.MAX_VALUE);
        LedgerHttp.Response first;
        LedgerHttp.Response again;
        try {
            first = upload.send();
            again = upload.send();
        } finally {
            faults.stopFailingCommits();
        }

        int expected = eventsStoredBeforeCommit() ? 503 : 500;
        assertThat(first.status()).as(first.toString()).isEqualTo(expected);
        assertThat(again.status()).as(again.toString()).isEqualTo(expected);
        if (eventsStoredBeforeCommit()) {
            assertThat(first.json().path("code").asText()).isEqualTo("catalog-catching-up");
            assertThat(first.header("Retry-After")).isEqualTo("1");
        }
        assertThat(upload.stored()).isEqualTo(eventsStoredBeforeCommit() ? 1 : 0);
        upload.retriedUntilCitable(null);
    }

    private boolean eventsStoredBeforeCommit() {
        return engineName.equals("kurrent");
    }

    /** A new artist's upload with its own Idempotency-Key, and what the event store holds of it. */
    private final class Upload {
        private final String creator = scenario.artist(handle("creator"));
        private final String title;
        private final TrackingToken head = engine.createHeadToken();
        private final LedgerHttp keyed;
        private final Map<String, Object> body;

        Upload(String prefix) {
            this.title = prefix + "-" + UUID.randomUUID();
            this.keyed = artist.withHeader("Idempotency-Key", title);
            this.body = Scenario.uploadBody(creator, title, List.of());
        }

        LedgerHttp.Response send() {
            return keyed.post("/api/records", body);
        }

        /** How many times the event store holds this upload. */
        long stored() {
            try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(head, false)) {
                return events.filter(
                                e ->
                                        e.getPayload() instanceof RecordUploaded uploaded
                                                && uploaded.title().equals(title))
                        .count();
            }
        }

        /**
         * Sends it again until it is answered 201 (at most 60 s: a processor whose commits failed
         * waits longer between its tries), the same upload as {@code first} when that was a
         * success; then it is stored once and a remix may cite it.
         */
        void retriedUntilCitable(LedgerHttp.Response first) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            LedgerHttp.Response retried = send();
            while (retried.status() == 503 && System.nanoTime() < deadline) {
                retried = send();
            }
            assertThat(retried.status()).as(retried.toString()).isEqualTo(201);
            if (first != null && first.status() == 201) {
                assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
                assertThat(retried.id()).isEqualTo(first.id());
            }
            assertThat(stored()).isEqualTo(1);
            scenario.remix(creator, "remix of " + title, retried.id(), 1);
        }
    }

    private boolean cataloged(String recordId) {
        return jdbc.queryForObject(
                        "select count(*) from catalog_record where record_id = ?",
                        Integer.class,
                        recordId)
                == 1;
    }

    static String handle(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** How many registrations of {@code handle} the event store holds after {@code head}. */
    long registrations(TrackingToken head, String handle) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(head, false)) {
            return events.filter(
                            e ->
                                    e.getPayload() instanceof ArtistRegistered registered
                                            && registered.handle().equals(handle))
                    .count();
        }
    }
}
