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
 * On an H2 file, however its URL names it, a command's commit waits for every other commit of the
 * process (see {@link H2SerialCommits}): while the lock is held elsewhere, a command sent over HTTP
 * is not stored; once it is released, it is. In-memory H2 is left alone.
 */
class H2SerialCommitsTest {

    @TempDir Path dataDir;

    @Test
    void anH2FileCommitsOneAtATime() throws Exception {
        commitsOneAtATime("jdbc:h2:file:" + dataDir.resolve("ledger"));
    }

    @Test
    void anH2FileNamedWithoutFilePrefixCommitsOneAtATimeToo() throws Exception {
        commitsOneAtATime(
                "jdbc:h2:./" + Path.of("").toAbsolutePath().relativize(dataDir.resolve("ledger")));
    }

    @Test
    void inMemoryH2IsLeftAlone() {
        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext ledger =
                new SpringApplicationBuilder(LedgerApplication.class)
                        .run(
                                "--server.port=0",
                                "--ledger.demo.enabled=false",
                                "--spring.datasource.url=jdbc:h2:mem:serial-commits;DB_CLOSE_DELAY=-1")) {
            assertThat(ledger.getBean(DataSource.class))
                    .isNotInstanceOf(H2SerialCommits.Serial.class);
        }
    }

    /**
     * Asserts that on {@code url} a command sent over HTTP is stored only once no other commit
     * holds the lock.
     */
    private static void commitsOneAtATime(String url) throws Exception {
        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext ledger =
                new SpringApplicationBuilder(LedgerApplication.class)
                        .run(
                                "--server.port=0",
                                "--ledger.demo.enabled=false",
                                "--spring.datasource.url=" + url + ";DB_CLOSE_ON_EXIT=FALSE")) {
            assertThat(ledger.getBean(DataSource.class)).isInstanceOf(H2SerialCommits.Serial.class);
            Scenario scenario =
                    new Scenario(
                            Integer.parseInt(
                                    ledger.getEnvironment().getProperty("local.server.port")));
            JdbcTemplate jdbc = ledger.getBean(JdbcTemplate.class);
            CompletableFuture<String> registered;
            H2SerialCommits.LOCK.lock();
            try {
                registered = CompletableFuture.supplyAsync(() -> scenario.artist("waits"));
                Thread.sleep(500);
                assertThat(registered)
                        .as("registered while another commit held the lock")
                        .isNotDone();
            } finally {
                H2SerialCommits.LOCK.unlock();
            }
            String artist = registered.get(30, TimeUnit.SECONDS);
            assertThat(
                            jdbc.queryForObject(
                                    "select count(*) from catalog_artist where artist_id = ?",
                                    Long.class,
                                    artist))
                    .isEqualTo(1);
        }
    }
}
