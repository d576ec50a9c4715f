package org.collabledger.api.storage;

import org.collabledger.api.support.Postgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The storage contract on Axon's JDBC engine over a real PostgreSQL server, the production default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.dev-users=true", "ledger.security.dev-password=ledger-dev"})
@ActiveProfiles("postgres")
@Import(StorageContract.Clocks.class)
class StorageContractOnPostgresTest extends StorageContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Postgres.useNewDatabase(registry);
    }
}
