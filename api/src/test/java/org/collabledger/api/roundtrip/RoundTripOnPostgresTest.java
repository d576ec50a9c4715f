package org.collabledger.api.roundtrip;

import org.collabledger.api.support.Postgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The HTTP round trip on a real PostgreSQL server, with the {@code postgres} profile. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.security.dev-users=true", "ledger.security.dev-password=ledger-dev"})
@ActiveProfiles("postgres")
class RoundTripOnPostgresTest extends RoundTripContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Postgres.useNewDatabase(registry);
    }
}
