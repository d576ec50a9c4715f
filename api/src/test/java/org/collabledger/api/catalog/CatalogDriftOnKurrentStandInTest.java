package org.collabledger.api.catalog;

import java.util.UUID;
import org.collabledger.api.storage.kurrent.KurrentStandIn;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The catalog contract with the events in KurrentDB (the in-process stand-in, see {@link
 * KurrentStandIn}) and the catalog in H2: no transaction holds both, so the events are stored
 * before the database commits.
 */
class CatalogDriftOnKurrentStandInTest extends CatalogDriftContract {

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        KurrentStandIn standIn = KurrentStandIn.start(3);
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("ledger.storage.engine", () -> "kurrent");
        registry.add("ledger.storage.kurrent.connection-string", standIn::connectionString);
    }
}
