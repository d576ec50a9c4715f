package org.collabledger.api.catalog;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The catalog the cross-aggregate rules read never drifts from the events, on every engine. Failures are
 * injected at the JDBC boundary ({@link DatabaseFaults}); each engine's subclass gives the database and the
 * event store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.demo.enabled=false")
@Import(DatabaseFaults.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class CatalogDriftContract {

    @LocalServerPort
    int port;

    @Autowired
    DatabaseFaults faults;

    @Autowired
    EventStorageEngine engine;

    Scenario scenario;
    LedgerHttp artist;

    @BeforeEach
    void clients() {
        scenario = new Scenario(port);
        artist = LedgerHttp.on(port, "artist");
    }

    /** A catalog row the database refuses refuses the command before its events are stored, on any engine. */
    @Test
    void aRegistrationWhoseCatalogRowIsRefusedStoresNoEvent() {
        String handle = handle("refused");
        TrackingToken head = engine.createHeadToken();
        int injected = faults.injected();
        faults.refuseNextWriteOf("catalog_artist");

        LedgerHttp.Response refused = artist.post("/api/artists", Map.of("handle", handle, "displayName", "R"));

        assertThat(faults.injected()).as("the refusal was injected").isEqualTo(injected + 1);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(500);
        assertThat(registrations(head, handle)).isZero();
        scenario.artist(handle);
        assertThat(registrations(head, handle)).isEqualTo(1);
    }

    static String handle(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** How many registrations of {@code handle} the event store holds after {@code head}. */
    long registrations(TrackingToken head, String handle) {
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(head, false)) {
            return events.filter(e -> e.getPayload() instanceof ArtistRegistered registered
                    && registered.handle().equals(handle)).count();
        }
    }
}
