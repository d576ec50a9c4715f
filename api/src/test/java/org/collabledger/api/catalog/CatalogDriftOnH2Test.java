package org.collabledger.api.catalog;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The catalog contract on the JDBC engine over H2, where the events, their catalog rows and the
 * idempotency record share one transaction: whatever fails, all of them are kept or none is.
 */
class CatalogDriftOnH2Test extends CatalogDriftContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }
}
