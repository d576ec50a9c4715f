package org.collabledger.api.storage;

import java.util.Locale;
import javax.sql.DataSource;
import org.collabledger.api.catalog.DatabaseKind;
import org.flywaydb.core.Flyway;

/**
 * The ledger's schema as versioned Flyway migrations ({@code db/migration/<dialect>/V*.sql}), for tools and
 * tests that open a store outside the application; the application runs the same ones through Spring Boot.
 */
public final class LedgerSchema {

    private LedgerSchema() {
    }

    /** Brings {@code dataSource} to the newest version; a store from before versioning is taken as version 1. */
    public static void migrate(DataSource dataSource) {
        String dialect = DatabaseKind.of(dataSource).name().toLowerCase(Locale.ROOT);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + dialect)
                .baselineOnMigrate(true)
                .baselineVersion("1")
                .load()
                .migrate();
    }
}
