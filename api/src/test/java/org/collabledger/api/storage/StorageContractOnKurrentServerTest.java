package org.collabledger.api.storage;

import java.util.UUID;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The storage contract against a real KurrentDB server, when {@code LEDGER_KURRENT_TEST_URL} holds
 * its connection string (e.g. {@code kurrentdb://localhost:2113?tls=false}). The server may hold
 * other events: every test looks only at what it wrote. Skipped otherwise; no server runs on the CI
 * machines.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.demo.enabled=false")
@Import(StorageContract.Clocks.class)
@EnabledIfEnvironmentVariable(named = "LEDGER_KURRENT_TEST_URL", matches = ".+")
class StorageContractOnKurrentServerTest extends StorageContract {

    @DynamicPropertySource
    static void stores(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        registry.add("ledger.storage.engine", () -> "kurrent");
        registry.add(
                "ledger.storage.kurrent.connection-string",
                () -> System.getenv("LEDGER_KURRENT_TEST_URL"));
    }
}
