package org.collabledger.api.catalog;

import org.collabledger.api.storage.kurrent.KurrentStandIn;
import org.collabledger.api.support.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The catalog contract with the events in KurrentDB (the in-process stand-in, see {@link
 * KurrentStandIn}) and the catalog in PostgreSQL, the production layout, whose statements for
 * noting an event differ from H2's.
 */
class CatalogDriftOnKurrentPostgresTest extends CatalogDriftContract {

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        KurrentStandIn standIn = KurrentStandIn.start(3);
        Runtime.getRuntime().addShutdownHook(new Thread(standIn::close));
        Postgres.useNewDatabase(registry);
        registry.add("ledger.storage.engine", () -> "kurrent");
        registry.add("ledger.storage.kurrent.connection-string", standIn::connectionString);
    }
}
