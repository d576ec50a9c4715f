package org.collabledger.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.collabledger.api.storage.kurrent.KurrentEventStorageEngine;
import org.collabledger.api.storage.kurrent.KurrentStandIn;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The storage contract on the KurrentDB engine, through the real KurrentDB client, against the
 * in-process KurrentDB stand-in (not KurrentDB: see {@link KurrentStandIn}), which writes a system
 * event after every third append as a real node writes its statistics. Read models and tokens in
 * H2.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.demo.enabled=false")
@Import(StorageContract.Clocks.class)
class StorageContractOnKurrentStandInTest extends StorageContract {

    private static KurrentStandIn standIn;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        standIn = KurrentStandIn.start(3);
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("ledger.storage.engine", () -> "kurrent");
        registry.add("ledger.storage.kurrent.connection-string", standIn::connectionString);
    }

    @Test
    void theEventsGoThroughTheKurrentDbClient() {
        long before = standIn.eventCount();
        scenario.artist("kurrent-" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(engine).isInstanceOf(KurrentEventStorageEngine.class);
        assertThat(standIn.eventCount()).isGreaterThan(before);
    }

    /**
     * No transaction spans KurrentDB and the database, so an Idempotency-Key is reserved before its
     * command runs: eight concurrent uses store one upload; the rest are replays of it or a clear
     * 409, and a retry afterwards returns the first outcome.
     */
    @Test
    void concurrentUsesOfOneIdempotencyKeyStoreOneUpload() throws Exception {
        String creator = scenario.artist("idem-" + UUID.randomUUID().toString().substring(0, 8));
        String title = "once-" + UUID.randomUUID();
        org.axonframework.eventhandling.TrackingToken head = engine.createHeadToken();
        var keyed =
                org.collabledger.api.support.LedgerHttp.on(port, "artist")
                        .withHeader("Idempotency-Key", "upload-" + title);
        var body =
                org.collabledger.api.support.Scenario.uploadBody(
                        creator, title, java.util.List.of());
        java.util.concurrent.ExecutorService pool =
                java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.List<
                        java.util.concurrent.Callable<
                                org.collabledger.api.support.LedgerHttp.Response>>
                posts = java.util.Collections.nCopies(8, () -> keyed.post("/api/records", body));
        String id = null;
        try {
            for (var outcome : pool.invokeAll(posts)) {
                var response = outcome.get();
                assertThat(response.status()).as(response.toString()).isIn(201, 409);
                if (response.status() == 409) {
                    assertThat(response.json().path("code").asText())
                            .isEqualTo("idempotency-key-in-progress");
                } else {
                    assertThat(id == null || id.equals(response.id()))
                            .as(response.toString())
                            .isTrue();
                    id = response.id();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        var retried = keyed.post("/api/records", body);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        try (var stored = engine.readEvents(head, false)) {
            assertThat(
                            stored.filter(
                                            e ->
                                                    e.getPayload()
                                                                    instanceof
                                                                    org.collabledger.domain.record
                                                                                    .RecordEvent
                                                                                    .RecordUploaded
                                                                            u
                                                            && u.title().equals(title))
                                    .count())
                    .isEqualTo(1);
        }
    }

    /** A refused command releases its key: the same request is answered again, not replayed. */
    @Test
    void aRefusedCommandReleasesItsIdempotencyKey() {
        var keyed =
                org.collabledger.api.support.LedgerHttp.on(port, "artist")
                        .withHeader("Idempotency-Key", "refused-" + UUID.randomUUID());
        var body =
                org.collabledger.api.support.Scenario.uploadBody(
                        UUID.randomUUID().toString(), "no creator", java.util.List.of());
        var first = keyed.post("/api/records", body);
        var again = keyed.post("/api/records", body);
        assertThat(first.status()).isBetween(400, 499);
        assertThat(again.status()).isEqualTo(first.status());
        assertThat(again.header("Idempotent-Replayed")).isNull();
    }

    /**
     * A processor token kept from the JDBC engine names a position in another store: refused, not
     * guessed.
     */
    @Test
    void aTokenOfTheJdbcEngineIsRefused() {
        assertThatThrownBy(
                        () ->
                                engine.readEvents(
                                        GapAwareTrackingToken.newInstance(5, Set.of()), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rebuilt from the first event");
    }
}
