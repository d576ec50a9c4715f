package org.collabledger.projections.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Statements chain: over any lines and any cut of time into consecutive periods, each period's
 * opening balance is the previous period's closing balance, each closing is its opening plus its
 * lines, and the last closing is the balance; on a real (H2) database with the ledger's own table.
 */
class StatementProperties {

    private JdbcTemplate jdbc;
    private MoneyQueries money;

    @BeforeProperty
    void database() {
        SingleConnectionDataSource dataSource =
                new SingleConnectionDataSource(
                        "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        jdbc = new JdbcTemplate(dataSource);
        // The application's own DDL, so the property runs against the table the ledger really has.
        jdbc.execute(
                (org.springframework.jdbc.core.ConnectionCallback<Object>)
                        connection -> {
                            ScriptUtils.executeSqlScript(
                                    connection,
                                    new FileSystemResource(
                                            "../api/src/main/resources/db/migration/h2/V1__ledger_schema.sql"));
                            return null;
                        });
        money = new MoneyQueries(jdbc);
    }

    @Property(tries = 150)
    void closingOfEachPeriodIsTheOpeningOfTheNext(
            @ForAll @Size(min = 1, max = 40)
                    List<@LongRange(min = -50_000, max = 50_000) Long> amounts,
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 1_000) Integer> days,
            @ForAll @Size(min = 1, max = 6)
                    List<@IntRange(min = 1, max = 400) Integer> periodLengths) {
        jdbc.update("delete from money_line");
        String artist = "00000000-0000-0000-0000-00000000000a";
        Instant epoch = Instant.parse("2025-01-01T00:00:00Z");
        long balance = 0;
        for (int i = 0; i < amounts.size(); i++) {
            long at = epoch.plusSeconds(86_400L * days.get(i % days.size()) + i).toEpochMilli();
            jdbc.update(
                    "insert into money_line (position, event_id, line_no, occurred_at, artist_id, currency, kind, "
                            + "amount) values (?, ?, 0, ?, ?, 'USD', 'ADJUSTMENT', ?)",
                    i + 1,
                    "e" + i,
                    at,
                    artist,
                    amounts.get(i));
            balance += amounts.get(i);
        }
        List<Instant> cuts = new ArrayList<>(List.of(epoch.minusSeconds(86_400)));
        for (int length : periodLengths) {
            cuts.add(cuts.get(cuts.size() - 1).plusSeconds(86_400L * length));
        }
        cuts.add(epoch.plusSeconds(86_400L * 1_100));
        long previousClosing = 0;
        for (int p = 0; p + 1 < cuts.size(); p++) {
            var statement =
                    money.statement(artist, "USD", cuts.get(p), cuts.get(p + 1), Long.MAX_VALUE);
            assertThat(statement.openingBalance()).isEqualTo(previousClosing);
            assertThat(statement.closingBalance())
                    .isEqualTo(
                            statement.openingBalance()
                                    + statement.lines().stream()
                                            .mapToLong(MoneyQueries.StatementLine::amount)
                                            .sum());
            previousClosing = statement.closingBalance();
        }
        assertThat(previousClosing).isEqualTo(balance);
    }
}
