package org.collabledger.api.support;

import java.time.Duration;
import java.util.UUID;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.projections.Projections;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ledger running on a fresh in-memory H2 database (one per test class) behind real HTTP, with a
 * client per dev role and a way to wait until every read model has caught up with the stored
 * events.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.demo.enabled=false")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class H2Ledger {

    @LocalServerPort protected int port;

    @Autowired protected Projections projections;

    @Autowired protected EventFeed feed;

    @Autowired protected org.collabledger.api.evidence.LedgerSeal seal;

    protected LedgerHttp artist;
    protected LedgerHttp curator;
    protected LedgerHttp finance;
    protected LedgerHttp auditor;
    protected Scenario scenario;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @BeforeEach
    void clients() {
        artist = LedgerHttp.on(port, "artist");
        curator = LedgerHttp.on(port, "curator");
        finance = LedgerHttp.on(port, "finance");
        auditor = LedgerHttp.on(port, "auditor");
        scenario = new Scenario(port);
    }

    /** Seals every stored event and returns the digest file an auditor would keep. */
    protected String sealedDigestFile() {
        seal.sealAvailable();
        return auditor.get("/api/ledger/digest/file").raw().body();
    }

    /** Waits until every read model holds every event stored so far. */
    protected void caughtUp() {
        for (String name : Projections.READ_MODELS) {
            projections.awaitCaughtUp(name, Duration.ofSeconds(20));
        }
    }
}
