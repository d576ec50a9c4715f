package org.collabledger.api.evidence;

import org.collabledger.api.support.Postgres;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Tamper evidence on a real PostgreSQL server, with the {@code postgres} profile. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ledger.security.dev-users=true",
            "ledger.security.dev-password=ledger-dev",
            "ledger.seal.interval=0s"
        })
@ActiveProfiles("postgres")
class TamperEvidenceOnPostgresTest extends TamperEvidenceContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        Postgres.useNewDatabase(registry);
    }
}
