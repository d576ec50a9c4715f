package org.collabledger.api.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.collabledger.api.storage.kurrent.KurrentEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.collabledger.api.storage.kurrent.KurrentStandIn;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The storage contract on the KurrentDB engine, through the real KurrentDB client, against the in-process
 * KurrentDB stand-in (not KurrentDB: see {@link KurrentStandIn}), which writes a system event after every
 * third append as a real node writes its statistics. Read models and tokens in H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ledger.demo.enabled=false")
@Import(StorageContract.Clocks.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class StorageContractOnKurrentStandInTest extends StorageContract {

    private static KurrentStandIn standIn;

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        standIn = KurrentStandIn.start(3);
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("ledger.storage.engine", () -> "kurrent");
        registry.add("ledger.storage.kurrent.connection-string", standIn::connectionString);
        registry.add("ledger.seal.gap-timeout", () -> "0s");
    }

    @Test
    void theEventsGoThroughTheKurrentDbClient() {
        long before = standIn.eventCount();
        scenario.artist("kurrent-" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(engine).isInstanceOf(KurrentEventStorageEngine.class);
        assertThat(standIn.eventCount()).isGreaterThan(before);
    }

    /** A processor token kept from the JDBC engine names a position in another store: refused, not guessed. */
    @Test
    void aTokenOfTheJdbcEngineIsRefused() {
        assertThatThrownBy(() -> engine.readEvents(GapAwareTrackingToken.newInstance(5, Set.of()), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rebuilt from the first event");
    }
}
