package org.collabledger.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.support.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stopping the ledger on an H2 file shrinks a file that is mostly dead space (H2 writes fresh pages
 * for every commit and reclaims old ones more slowly than a busy ledger writes), and every event is
 * still there, in order, on the next start.
 */
class H2CompactionTest {

    @TempDir Path dataDir;

    @Test
    void aCleanStopCompactsTheFileAndKeepsEveryEvent() throws Exception {
        long whileRunning;
        List<String> stored;
        try (ConfigurableApplicationContext ledger = start()) {
            Scenario scenario =
                    new Scenario(
                            Integer.parseInt(
                                    ledger.getEnvironment().getProperty("local.server.port")));
            String artist = scenario.artist("compaction");
            for (int i = 0; i < 200; i++) {
                scenario.upload(artist, "take " + i);
            }
            stored = events(ledger);
            whileRunning = Files.size(file());
        }
        long afterStop = Files.size(file());
        assertThat(stored).hasSize(201);
        assertThat(afterStop)
                .as("bytes after the stop, against %d while running", whileRunning)
                .isLessThan(whileRunning / 2);

        try (ConfigurableApplicationContext ledger = start()) {
            assertThat(events(ledger)).isEqualTo(stored);
        }
    }

    private Path file() {
        return dataDir.resolve("ledger.mv.db");
    }

    /**
     * The embedded default's URL, with H2's own compaction on close turned off: it works for at
     * most 200 ms, enough for a file this small but not for the gigabytes of a loaded one, which is
     * what the ledger's compaction is for.
     */
    private ConfigurableApplicationContext start() {
        LedgerApplication.quietAxon();
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=jdbc:h2:file:"
                                + dataDir.resolve("ledger")
                                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;MAX_COMPACT_TIME=0",
                        "--ledger.demo.enabled=false");
    }

    private static List<String> events(ConfigurableApplicationContext ledger) {
        return ledger.getBean(JdbcTemplate.class)
                .queryForList(
                        "select event_identifier from domain_event_entry order by global_index",
                        String.class);
    }
}
