package org.collabledger.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.collabledger.api.LedgerApplication;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Postgres;
import org.collabledger.api.support.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * A store written by the release before versioned migrations (the fixture's README says how it was
 * made) opens with the current code: every event keeps its id at its position, the digest an
 * auditor took before the upgrade still verifies clean, and new events are numbered above the old
 * ones.
 */
class StoreUpgradeTest {

    private static final String FIXTURE = "/fixtures/store-92d4264/";

    @TempDir Path dataDir;

    @Test
    void anH2StoreFromBeforeMigrationsUpgradesWithoutLosingOrRenumberingAnEvent()
            throws IOException {
        String url = fixture();
        upgradesCleanly(positionsAndIds(url), "--spring.datasource.url=" + url);
    }

    /**
     * The same store on PostgreSQL: the release before migrations created its tables from version
     * 1's DDL at start, without Flyway's history table; the fixture's rows are copied into them as
     * they are.
     */
    @Test
    void aPostgresStoreFromBeforeMigrationsUpgradesWithoutLosingOrRenumberingAnEvent()
            throws Exception {
        String h2 = fixture();
        String url = Postgres.newDatabase();
        SingleConnectionDataSource from = new SingleConnectionDataSource(h2, "sa", "", true);
        SingleConnectionDataSource to =
                new SingleConnectionDataSource(url, "postgres", "postgres", true);
        try {
            try (Connection connection = to.getConnection()) {
                ScriptUtils.executeSqlScript(
                        connection,
                        new ClassPathResource("db/migration/postgresql/V1__ledger_schema.sql"));
            }
            copyTables(new JdbcTemplate(from), new JdbcTemplate(to));
        } finally {
            from.destroy();
            to.destroy();
        }
        upgradesCleanly(
                positionsAndIds(h2),
                "--spring.profiles.active=postgres",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--ledger.security.dev-users=true",
                "--ledger.security.dev-password=ledger-dev");
    }

    private void upgradesCleanly(List<String> before, String... store) throws IOException {
        assertThat(before).hasSize(107);
        List<String> arguments = new ArrayList<>(List.of(store));
        arguments.addAll(List.of("--server.port=0", "--ledger.demo.enabled=false"));
        LedgerApplication.quietAxon();
        try (ConfigurableApplicationContext ledger =
                new SpringApplicationBuilder(LedgerApplication.class)
                        .run(arguments.toArray(String[]::new))) {
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
            assertThat(position(grown.get(grown.size() - 1)))
                    .isGreaterThan(position(before.get(before.size() - 1)));
        }
    }

    /**
     * The fixture's store as an H2 file, and its JDBC URL: made from H2's own script of the file
     * the old release wrote (tables, identity counters and rows), kept as text rather than a binary
     * database file.
     */
    private String fixture() throws IOException {
        Path script = dataDir.resolve("ledger.sql");
        try (InputStream in = getClass().getResourceAsStream(FIXTURE + "ledger.sql")) {
            Files.copy(in, script);
        }
        String url = "jdbc:h2:file:" + dataDir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE";
        SingleConnectionDataSource store = new SingleConnectionDataSource(url, "sa", "", true);
        try {
            new JdbcTemplate(store).execute("runscript from '" + script + "'");
        } finally {
            store.destroy();
        }
        return url;
    }

    /**
     * Every row of every table of {@code from} into the same table of {@code to}, replacing what it
     * held.
     */
    private static void copyTables(JdbcTemplate from, JdbcTemplate to) {
        for (String table :
                from.queryForList(
                        "select lower(table_name) from information_schema.tables "
                                + "where table_schema = 'PUBLIC'",
                        String.class)) {
            to.update("delete from " + table);
            from.query(
                    "select * from " + table,
                    rs -> {
                        int columns = rs.getMetaData().getColumnCount();
                        List<String> names = new ArrayList<>();
                        Object[] values = new Object[columns];
                        for (int i = 1; i <= columns; i++) {
                            names.add(
                                    rs.getMetaData()
                                            .getColumnName(i)
                                            .toLowerCase(java.util.Locale.ROOT));
                            values[i - 1] = rs.getObject(i);
                        }
                        to.update(
                                "insert into "
                                        + table
                                        + " ("
                                        + String.join(", ", names)
                                        + ") values ("
                                        + String.join(
                                                ", ", java.util.Collections.nCopies(columns, "?"))
                                        + ")",
                                values);
                    });
        }
    }

    /**
     * {@code position:eventId} of every stored event, read straight from the file before the ledger
     * opens it.
     */
    private static List<String> positionsAndIds(String url) {
        SingleConnectionDataSource store = new SingleConnectionDataSource(url, "sa", "", true);
        try {
            return new JdbcTemplate(store)
                    .queryForList(
                            "select global_index || ':' || event_identifier "
                                    + "from domain_event_entry order by global_index",
                            String.class);
        } finally {
            store.destroy();
        }
    }

    private static List<String> feed(int port) {
        return RestartTest.allEvents(port).stream()
                .map(e -> e.path("position").asLong() + ":" + e.path("eventId").asText())
                .toList();
    }

    private static long position(String positionAndId) {
        return Long.parseLong(positionAndId.substring(0, positionAndId.indexOf(':')));
    }
}
