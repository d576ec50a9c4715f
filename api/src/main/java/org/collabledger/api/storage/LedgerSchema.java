package org.collabledger.api.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The ledger's schema as versioned Flyway migrations ({@code db/migration/<dialect>/V*.sql}), for
 * tools and tests that open a store outside the application; the application runs the same ones
 * through Spring Boot.
 */
public final class LedgerSchema {

    private LedgerSchema() {}

    /**
     * Brings {@code dataSource} to the newest version; a store from before versioning is taken as
     * version 1.
     */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + StoreKind.of(dataSource).dialect())
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .load()
                .migrate();
    }
}
