package org.collabledger.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.MutableClock;
import org.collabledger.api.support.Scenario;
import org.collabledger.domain.artist.ArtistEvent.ArtistPersonalDataChanged;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The storage contract every event store engine meets, run against each engine by a subclass:
 * append and read back, concurrency conflicts, atomic units of work, global order, tokens,
 * snapshots, and every projection rebuilt from zero answering as the live one did. Tests look only
 * at what they wrote after the head they found, so the suite also runs against a shared, non-empty
 * KurrentDB server.
 */
// Closed after the class, while the shared PostgreSQL server runs and before the next class starts:
// a context
// left for the JVM's exit keeps its processors polling, and at exit closes alongside the server's
// shutdown.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class StorageContract {

    /** A clock the test moves, for the allocation review window. */
    @TestConfiguration
    public static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now());
        }
    }

    @LocalServerPort int port;

    @Autowired EventStorageEngine engine;

    @Autowired Projections projections;

    @Autowired MutableClock clock;

    @org.springframework.beans.factory.annotation.Value("${ledger.storage.engine:jdbc}")
    String engineName;

    Scenario scenario;
    LedgerHttp curator;
    LedgerHttp finance;
    LedgerHttp auditor;

    @BeforeEach
    void clients() {
        scenario = new Scenario(port);
        curator = LedgerHttp.on(port, "curator");
        finance = LedgerHttp.on(port, "finance");
        auditor = LedgerHttp.on(port, "auditor");
    }

    @Test
    void commandsAreStoredAndReadBackInGlobalAndAggregateOrderWithTheirMetadata() {
        TrackingToken head = engine.createHeadToken();
        String ana = scenario.artist("ana-" + UUID.randomUUID().toString().substring(0, 8));
        String draw = scenario.upload(ana, "drawing");
        String anim = scenario.remix(ana, "animation", draw, 2);
        String release =
                scenario.release(
                        Map.of(
                                "title",
                                "Episode",
                                "kind",
                                "EPISODE",
                                "fundingModel",
                                "PROFIT_SHARE",
                                "poolRate",
                                "1/2"));
        scenario.select(release, anim, 3, "animation");
        scenario.publish(release);
        scenario.takeDown(draw);

        List<TrackedEventMessage<?>> stored = after(head);
        assertThat(stored)
                .extracting(e -> e.getPayloadType().getSimpleName())
                .containsExactly(
                        "ArtistRegistered",
                        "RecordUploaded",
                        "RecordRemixed",
                        "ReleaseOpened",
                        "ContributionSelected",
                        "ReleasePublished",
                        "RecordTakenDown");
        assertThat(stored)
                .extracting(e -> e.getMetaData().get("actor"))
                .containsExactly(
                        "artist", "artist", "artist", "curator", "curator", "curator", "curator");
        for (int i = 1; i < stored.size(); i++) {
            TrackingToken earlier = stored.get(i - 1).trackingToken();
            TrackingToken later = stored.get(i).trackingToken();
            assertThat(later.covers(earlier)).isTrue();
            assertThat(earlier.covers(later)).isFalse();
            assertThat(later.position().getAsLong()).isGreaterThan(earlier.position().getAsLong());
            assertThat(stored.get(i).getTimestamp())
                    .isAfterOrEqualTo(stored.get(i - 1).getTimestamp());
        }

        List<DomainEventMessage<?>> drawing =
                engine.readEvents(draw).asStream().collect(Collectors.toList());
        assertThat(drawing)
                .extracting(DomainEventMessage::getSequenceNumber)
                .containsExactly(0L, 1L);
        assertThat(drawing).extracting(DomainEventMessage::getType).containsOnly("Record");
        assertThat(drawing)
                .extracting(EventMessage::getIdentifier)
                .containsExactly(stored.get(1).getIdentifier(), stored.get(6).getIdentifier());
        assertThat(drawing.get(1).getTimestamp()).isEqualTo(stored.get(6).getTimestamp());
        assertThat(engine.readEvents(draw, 1).asStream().map(EventMessage::getIdentifier))
                .containsExactly(stored.get(6).getIdentifier());
        assertThat(engine.lastSequenceNumberFor(draw)).contains(1L);
        assertThat(engine.lastSequenceNumberFor(UUID.randomUUID().toString())).isEmpty();
        assertThat(engine.readEvents(UUID.randomUUID().toString()).hasNext()).isFalse();
    }

    @Test
    void aConflictingAppendFailsWholeAndStoresNothing() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        engine.appendEvents(probe(first, 0), probe(first, 1));

        assertThatThrownBy(() -> engine.appendEvents(probe(first, 1)))
                .isInstanceOf(ConcurrencyException.class);
        assertThatThrownBy(() -> engine.appendEvents(probe(first, 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
        // One unit of work over two aggregates: the conflict on one keeps the other's events out
        // too. (Which
        // of the two conflict types is raised differs: JDBC blames the batch's first event.)
        assertThatThrownBy(
                        () ->
                                engine.appendEvents(
                                        probe(second, 0), probe(second, 1), probe(first, 1)))
                .isInstanceOfAny(
                        ConcurrencyException.class, AggregateStreamCreationException.class);
        assertThat(engine.lastSequenceNumberFor(second)).isEmpty();
        assertThat(engine.lastSequenceNumberFor(first)).contains(1L);

        engine.appendEvents(probe(second, 0), probe(first, 2), probe(first, 3));
        assertThat(engine.lastSequenceNumberFor(second)).contains(0L);
        assertThat(engine.readEvents(first).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void ofConcurrentCommandsOnOneAggregateEachWinsOrGetsAClearConflictNeverALostUpdate()
            throws Exception {
        String gus = scenario.artist("gus-" + UUID.randomUUID().toString().substring(0, 8));
        String release =
                scenario.release(
                        Map.of("title", "Race", "kind", "OTHER", "fundingModel", "PROFIT_SHARE"));
        List<Callable<LedgerHttp.Response>> selections = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String record = scenario.upload(gus, "take " + i);
            selections.add(
                    () ->
                            curator.post(
                                    "/api/releases/" + release + "/selections",
                                    Map.of("recordId", record, "weight", 1, "role", "music")));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int won = 0;
        try {
            for (Future<LedgerHttp.Response> outcome : pool.invokeAll(selections)) {
                LedgerHttp.Response response = outcome.get();
                assertThat(response.status()).as(response.toString()).isIn(201, 409);
                if (response.status() == 409) {
                    assertThat(response.contentType()).startsWith("application/problem+json");
                    assertThat(response.json().path("code").asText())
                            .isEqualTo("concurrent-modification");
                }
                won += response.status() == 201 ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(won).isPositive();
        assertThat(engine.readEvents(release).asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactlyElementsOf(Stream.iterate(0L, n -> n + 1).limit(1 + won).toList());
    }

    @Test
    void tokensMarkTheTailTheHeadAndAPointInTime() throws Exception {
        String early = UUID.randomUUID().toString();
        String late = UUID.randomUUID().toString();
        TrackingToken before = engine.createHeadToken();
        engine.appendEvents(probe(early, 0));
        Thread.sleep(20);
        Instant between = Instant.now();
        Thread.sleep(20);
        engine.appendEvents(probe(late, 0), probe(late, 1));
        TrackingToken head = engine.createHeadToken();

        List<TrackedEventMessage<?>> written = after(before);
        assertThat(written)
                .extracting(e -> ((DomainEventMessage<?>) e).getAggregateIdentifier())
                .containsExactly(early, late, late);
        assertThat(head.covers(written.get(2).trackingToken())).isTrue();
        assertThat(after(head)).isEmpty();
        assertThat(identifiers(after(engine.createTokenAt(between))))
                .isEqualTo(stampedFrom(between))
                .endsWith(written.get(1).getIdentifier(), written.get(2).getIdentifier());
        try (Stream<? extends TrackedEventMessage<?>> fromTail =
                engine.readEvents(engine.createTailToken(), false)) {
            assertThat(
                            fromTail.map(EventMessage::getIdentifier)
                                    .filter(written.get(0).getIdentifier()::equals)
                                    .findFirst())
                    .isPresent();
        }
    }

    /**
     * Stamps need not rise with the log (commands run concurrently, nodes' clocks differ): the
     * token for a time stands just before the first event in log order stamped at or after it, as
     * on JDBC.
     */
    @Test
    void aTokenAtATimeStandsBeforeTheFirstEventStampedFromThenInLogOrder() {
        Instant t = Instant.now().plus(Duration.ofHours(1));
        String id = UUID.randomUUID().toString();
        TrackingToken before = engine.createHeadToken();
        engine.appendEvents(stamped(id, 0, t.plusSeconds(10)));
        engine.appendEvents(stamped(id, 1, t.minusSeconds(30)));
        engine.appendEvents(stamped(id, 2, t.plusSeconds(20)));
        List<TrackedEventMessage<?>> written = after(before);

        assertThat(identifiers(after(engine.createTokenAt(t.plusSeconds(5)))))
                .isEqualTo(stampedFrom(t.plusSeconds(5)))
                .endsWith(identifiers(written).toArray(String[]::new));
        assertThat(identifiers(after(engine.createTokenAt(t.plusSeconds(15)))))
                .isEqualTo(stampedFrom(t.plusSeconds(15)))
                .endsWith(written.get(2).getIdentifier());
        assertThat(after(engine.createTokenAt(t.plus(Duration.ofDays(365))))).isEmpty();
    }

    @Test
    void theNewestSnapshotIsReadBackAndNeverReachesEventReaders() {
        String id = UUID.randomUUID().toString();
        assertThat(engine.readSnapshot(id)).isEmpty();
        TrackingToken head = engine.createHeadToken();
        engine.storeSnapshot(
                new GenericDomainEventMessage<>("Artist", id, 4, new ProbeState("four", 4)));
        engine.storeSnapshot(
                new GenericDomainEventMessage<>("Artist", id, 9, new ProbeState("nine", 9)));

        DomainEventMessage<?> snapshot = engine.readSnapshot(id).orElseThrow();
        assertThat(snapshot.getSequenceNumber()).isEqualTo(9);
        assertThat(snapshot.getPayload()).isEqualTo(new ProbeState("nine", 9));
        assertThat(engine.readSnapshot(UUID.randomUUID().toString())).isEmpty();
        assertThat(after(head)).isEmpty();
        assertThat(engine.readEvents(id).hasNext()).isFalse();
        assertThat(engine.lastSequenceNumberFor(id)).isEmpty();
    }

    /**
     * A half-year in small: lineage, a published release, revenue, an allocation finalized (one
     * unit of work over the allocation and the treasury), a payout run; then each projection
     * dropped and rebuilt from the first event answers exactly as before.
     */
    @Test
    void everyProjectionRebuiltFromZeroAnswersAsTheLiveOne() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> a = new HashMap<>();
        for (String name : List.of("ana", "ben", "cai")) {
            a.put(name, scenario.artist(name + "-" + tag));
        }
        String draw = scenario.upload(a.get("ben"), "draw " + tag);
        String film = scenario.remix(a.get("ana"), "film " + tag, draw, 1);
        String song = scenario.upload(a.get("cai"), "song " + tag);
        String release =
                scenario.release(
                        Map.of(
                                "title",
                                "Film " + tag,
                                "kind",
                                "FILM",
                                "fundingModel",
                                "PROFIT_SHARE",
                                "poolRate",
                                "1/2"));
        scenario.select(release, film, 3, "animation");
        scenario.select(release, song, 1, "music");
        scenario.publish(release);
        String currency = "EUR";
        assertThat(
                        finance.post(
                                        "/api/releases/" + release + "/revenue",
                                        Map.of(
                                                "amount",
                                                90_001,
                                                "currency",
                                                currency,
                                                "period",
                                                "2026-H2",
                                                "sourceRef",
                                                "sales " + tag))
                                .status())
                .isEqualTo(201);
        LedgerHttp.Response proposed =
                curator.post(
                        "/api/releases/" + release + "/allocations", Map.of("currency", currency));
        assertThat(proposed.status()).as(proposed.toString()).isEqualTo(201);
        clock.advance(Duration.ofDays(15));
        LedgerHttp.Response finalized =
                finance.post("/api/allocations/" + proposed.id() + "/finalize", Map.of());
        assertThat(finalized.status()).as(finalized.toString()).isEqualTo(200);
        awaitAll();
        LedgerHttp.Response run =
                finance.post("/api/payout-runs", Map.of("currency", currency, "threshold", 1));
        assertThat(run.status()).as(run.toString()).isEqualTo(201);
        awaitAll();

        List<String> live = answers(a, release, draw, film, currency);
        List<String> rebuilt = new ArrayList<>(Projections.READ_MODELS);
        if (engineName.equals("kurrent")) {
            rebuilt.add(org.collabledger.api.storage.kurrent.EventMirror.PROCESSING_GROUP);
        }
        for (String name : rebuilt) {
            projections.rebuild(name);
            awaitAll();
            assertThat(answers(a, release, draw, film, currency))
                    .as("after rebuilding " + name)
                    .isEqualTo(live);
        }
    }

    private List<String> answers(
            Map<String, String> artists,
            String release,
            String draw,
            String film,
            String currency) {
        List<String> answers = new ArrayList<>();
        answers.add(body("/api/records/" + draw + "/family"));
        answers.add(body("/api/records/" + film + "/lineage"));
        answers.add(body("/api/releases/" + release));
        answers.add(body("/api/releases/" + release + "/attribution"));
        answers.add(body("/api/releases/" + release + "/manifest"));
        answers.add(body("/api/releases/" + release + "/allocations"));
        answers.add(body("/api/records/" + draw + "/events"));
        answers.add(body("/api/releases/" + release + "/events"));
        artists.values().stream()
                .sorted()
                .forEach(
                        id -> {
                            answers.add(body("/api/artists/" + id + "/balance"));
                            answers.add(
                                    body(
                                            "/api/artists/"
                                                    + id
                                                    + "/statements?currency="
                                                    + currency
                                                    + "&from=2000-01-01&to=2100-01-01"));
                        });
        return answers;
    }

    String body(String path) {
        LedgerHttp.Response response = auditor.get(path);
        assertThat(response.status()).as(path + ": " + response).isEqualTo(200);
        return response.raw().body();
    }

    void awaitAll() {
        List<String> names = new ArrayList<>(Projections.READ_MODELS);
        if (engineName.equals("kurrent")) {
            names.add(org.collabledger.api.storage.kurrent.EventMirror.PROCESSING_GROUP);
        }
        names.forEach(name -> projections.awaitCaughtUp(name, Duration.ofSeconds(30)));
    }

    List<TrackedEventMessage<?>> after(TrackingToken token) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(token, false)) {
            return events.collect(Collectors.toList());
        }
    }

    /**
     * An event appended straight to the engine, past the commands and so past the catalog: of a
     * type the catalog does not take, or on KurrentDB its follower would register one artist twice.
     */
    private static DomainEventMessage<?> probe(String aggregateId, long sequence) {
        return new GenericDomainEventMessage<>(
                "Artist",
                aggregateId,
                sequence,
                new ArtistPersonalDataChanged(aggregateId, "probe-" + sequence),
                MetaData.with("actor", "contract"));
    }

    /**
     * What a token at {@code time} must yield, worked out from the whole store (which other tests,
     * or other runs on a shared server, also wrote to): every event from the first in log order
     * stamped at or after it.
     */
    private List<String> stampedFrom(Instant time) {
        List<TrackedEventMessage<?>> all = after(engine.createTailToken());
        int first = 0;
        while (first < all.size() && all.get(first).getTimestamp().isBefore(time)) {
            first++;
        }
        return identifiers(all.subList(first, all.size()));
    }

    private static List<String> identifiers(List<? extends EventMessage<?>> events) {
        return events.stream().map(EventMessage::getIdentifier).collect(Collectors.toList());
    }

    private static DomainEventMessage<?> stamped(String aggregateId, long sequence, Instant at) {
        return new GenericDomainEventMessage<>(
                "Artist",
                aggregateId,
                sequence,
                new ArtistPersonalDataChanged(aggregateId, "stamped-" + sequence),
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                at);
    }

    /** A snapshot's state: any object the snapshot serializer can write field by field. */
    public record ProbeState(String name, long count) {}
}
