package org.collabledger.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A store written by the release before versioned migrations (the fixture's README says how it was made)
 * opens with the current code: every event keeps its id at its position, the digest an auditor took before
 * the upgrade still verifies clean, and new events are numbered above the old ones.
 */
class StoreUpgradeTest {

    private static final String FIXTURE = "/fixtures/store-92d4264/";

    @TempDir
    Path dataDir;

    @Test
    void aStoreFromBeforeMigrationsUpgradesWithoutLosingOrRenumberingAnEvent() throws IOException {
        copy("ledger.mv.db");
        String url = "jdbc:h2:file:" + dataDir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE";
        List<String> before = positionsAndIds(url);
        assertThat(before).hasSize(107);

        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0", "--spring.datasource.url=" + url, "--ledger.demo.enabled=false")) {
            int port = Integer.parseInt(ledger.getEnvironment().getProperty("local.server.port"));
            LedgerHttp auditor = LedgerHttp.on(port, "auditor");

            assertThat(feed(port)).isEqualTo(before);
            String digest;
            try (InputStream in = getClass().getResourceAsStream(FIXTURE + "digest.txt")) {
                digest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            JsonNode report = auditor.postRaw("/api/ledger/verify", digest, "text/plain").json();
            assertThat(report.path("clean").asBoolean()).as(report.toString()).isTrue();

            new Scenario(port).artist("after-upgrade");
            List<String> grown = feed(port);
            assertThat(grown).hasSize(before.size() + 1).startsWith(before.toArray(String[]::new));
            assertThat(position(grown.get(grown.size() - 1))).isGreaterThan(position(before.get(before.size() - 1)));
        }
    }

    private void copy(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(FIXTURE + name)) {
            Files.copy(in, dataDir.resolve(name));
        }
    }

    /** {@code position:eventId} of every stored event, read straight from the file before the ledger opens it. */
    private static List<String> positionsAndIds(String url) {
        SingleConnectionDataSource store = new SingleConnectionDataSource(url, "sa", "", true);
        try {
            return new JdbcTemplate(store).queryForList("select global_index || ':' || event_identifier "
                    + "from domain_event_entry order by global_index", String.class);
        } finally {
            store.destroy();
        }
    }

    private static List<String> feed(int port) {
        return RestartTest.allEvents(port).stream()
                .map(e -> e.path("position").asLong() + ":" + e.path("eventId").asText()).toList();
    }

    private static long position(String positionAndId) {
        return Long.parseLong(positionAndId.substring(0, positionAndId.indexOf(':')));
    }
}
