package org.collabledger.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.support.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On an H2 file, a command's commit waits for every other commit of the process (see {@link H2SerialCommits}):
 * while the lock is held elsewhere, a command sent over HTTP is not stored; once it is released, it is.
 */
class H2SerialCommitsTest {

    @TempDir
    Path dataDir;

    @Test
    void aCommandCommitsOnlyWhenNoOtherCommitRuns() throws Exception {
        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0", "--ledger.demo.enabled=false",
                "--spring.datasource.url=jdbc:h2:file:" + dataDir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE")) {
            assertThat(ledger.getBean(DataSource.class)).isInstanceOf(H2SerialCommits.Serial.class);
            Scenario scenario = new Scenario(Integer.parseInt(ledger.getEnvironment().getProperty("local.server.port")));
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            CompletableFuture<String> registered;
            H2SerialCommits.LOCK.lock();
            try {
                registered = CompletableFuture.supplyAsync(() -> scenario.artist("waits"));
                Thread.sleep(500);
                assertThat(registered).as("registered while another commit held the lock").isNotDone();
            } finally {
                H2SerialCommits.LOCK.unlock();
            }
            String artist = registered.get(30, TimeUnit.SECONDS);
            assertThat(jdbc.queryForObject("select count(*) from catalog_artist where artist_id = ?", Long.class,
                    artist)).isEqualTo(1);
        }
    }

    @Test
    void inMemoryH2IsLeftAlone() {
        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext ledger = new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0", "--ledger.demo.enabled=false",
                "--spring.datasource.url=jdbc:h2:mem:serial-commits;DB_CLOSE_DELAY=-1")) {
            assertThat(ledger.getBean(DataSource.class)).isNotInstanceOf(H2SerialCommits.Serial.class);
        }
    }
}
