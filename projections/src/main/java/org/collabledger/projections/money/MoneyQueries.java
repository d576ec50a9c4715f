package org.collabledger.projections.money;

import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.collabledger.domain.shared.Fraction;
import org.springframework.jdbc.core.JdbcTemplate;

/** Balances, statements and payments from the money read model, at any past ledger position. */
public class MoneyQueries {

    private final JdbcTemplate jdbc;

    public MoneyQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One statement line: the event that changed (or for a deferral, kept) the balance. */
    public record StatementLine(
            long position,
            String eventId,
            Instant date,
            String kind,
            String releaseId,
            String allocationId,
            String paymentId,
            String share,
            Long pool,
            long amount,
            long balanceAfter) {}

    /** A statement of one artist in one currency for {@code [from, to)}. */
    public record Statement(
            String artistId,
            String currency,
            Instant from,
            Instant to,
            long asOf,
            long openingBalance,
            List<StatementLine> lines,
            long closingBalance) {}

    private static Payment payment(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Payment(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6));
    }

    /** A payment as it stands. */
    public record Payment(
            String paymentId,
            String currency,
            String runId,
            String artistId,
            long amount,
            String state) {}

    /** The artist's balance in each currency they have lines in, as of {@code asOf}. */
    public Map<String, Long> balances(String artistId, long asOf) {
        Map<String, Long> balances = new LinkedHashMap<>();
        jdbc.query(
                "select currency, sum(amount) from money_line where artist_id = ? and position <= ? "
                        + "group by currency order by currency",
                rs -> {
                    balances.put(rs.getString(1), rs.getLong(2));
                },
                artistId,
                asOf);
        return balances;
    }

    /** The statement for {@code [from, to)}: opening, each line in ledger order, closing. */
    public Statement statement(
            String artistId, String currency, Instant from, Instant to, long asOf) {
        Statement[] found = {null};
        statements(currency, from, to, asOf, artistId, statement -> found[0] = statement);
        return found[0] != null
                ? found[0]
                : new Statement(artistId, currency, from, to, asOf, 0, List.of(), 0);
    }

    /**
     * Every artist's statement in {@code currency} for {@code [from, to)}, in two passes over the
     * lines (openings, then lines by artist) instead of two queries per artist; each is handed to
     * {@code sink}.
     */
    public void allStatements(
            String currency,
            Instant from,
            Instant to,
            long asOf,
            java.util.function.Consumer<Statement> sink) {
        statements(currency, from, to, asOf, null, sink);
    }

    /** The statements of one artist, or of all when {@code artistId} is null. */
    private void statements(
            String currency,
            Instant from,
            Instant to,
            long asOf,
            String artistId,
            java.util.function.Consumer<Statement> sink) {
        String oneArtist = artistId == null ? "" : " and artist_id = ?";
        List<Object> arguments =
                new java.util.ArrayList<>(List.of(currency, from.toEpochMilli(), asOf));
        if (artistId != null) {
            arguments.add(artistId);
        }
        Map<String, Long> openings = new java.util.TreeMap<>();
        jdbc.query(
                "select artist_id, sum(amount) from money_line where currency = ? and occurred_at < ? "
                        + "and position <= ?"
                        + oneArtist
                        + " group by artist_id",
                rs -> {
                    openings.put(rs.getString(1), rs.getLong(2));
                },
                arguments.toArray());
        arguments.add(1, to.toEpochMilli());
        Map<String, List<StatementLine>> lines = new java.util.TreeMap<>();
        Map<String, Long> running = new java.util.HashMap<>(openings);
        jdbc.query(
                "select artist_id, position, event_id, occurred_at, kind, release_id, allocation_id, payment_id, "
                        + "share, pool, amount from money_line where currency = ? and occurred_at < ? and occurred_at >= ? "
                        + "and position <= ?"
                        + oneArtist
                        + " order by artist_id, position, line_no",
                rs -> {
                    String artist = rs.getString(1);
                    long amount = rs.getLong(11);
                    long after = running.merge(artist, amount, Math::addExact);
                    long pool = rs.getLong(10);
                    Long poolOrNull = rs.wasNull() ? null : pool;
                    lines.computeIfAbsent(artist, a -> new java.util.ArrayList<>())
                            .add(
                                    new StatementLine(
                                            rs.getLong(2),
                                            rs.getString(3),
                                            Instant.ofEpochMilli(rs.getLong(4)),
                                            rs.getString(5),
                                            rs.getString(6),
                                            rs.getString(7),
                                            rs.getString(8),
                                            rs.getString(9),
                                            poolOrNull,
                                            amount,
                                            after));
                },
                arguments.toArray());
        java.util.Set<String> artists = new java.util.TreeSet<>(openings.keySet());
        artists.addAll(lines.keySet());
        for (String artist : artists) {
            long opening = openings.getOrDefault(artist, 0L);
            sink.accept(
                    new Statement(
                            artist,
                            currency,
                            from,
                            to,
                            asOf,
                            opening,
                            lines.getOrDefault(artist, List.of()),
                            running.getOrDefault(artist, opening)));
        }
    }

    /**
     * The exact share of each artist that the allocation credit {@code eventId} paid, in the order
     * of its lines: the shares a statement line's percentage is shown among.
     */
    public Map<String, Fraction> creditedShares(String eventId) {
        Map<String, Fraction> shares = new LinkedHashMap<>();
        jdbc.query(
                "select artist_id, share from money_line where event_id = ? and kind = 'ALLOCATION' "
                        + "order by line_no",
                rs -> {
                    shares.put(rs.getString(1), Fraction.parse(rs.getString(2), "share"));
                },
                eventId);
        return shares;
    }

    /** A payment by id. */
    public Optional<Payment> payment(String paymentId) {
        return jdbc
                .query(
                        "select payment_id, currency, run_id, artist_id, amount, state from money_payment "
                                + "where payment_id = ?",
                        MoneyQueries::payment,
                        paymentId)
                .stream()
                .findFirst();
    }

    /** The payments of a run. */
    public List<Payment> run(String runId) {
        return jdbc.query(
                "select payment_id, currency, run_id, artist_id, amount, state from money_payment "
                        + "where run_id = ? order by artist_id",
                MoneyQueries::payment,
                runId);
    }

    /**
     * Per currency: the sums by line kind, for the ledger-wide money checks; exact at any size, as
     * the checks read lines stored before the ledger kept its totals within {@code Money.LIMIT}
     * too.
     */
    public Map<String, Map<String, BigInteger>> sumsByKind(long asOf) {
        Map<String, Map<String, BigInteger>> sums = new LinkedHashMap<>();
        jdbc.query(
                "select currency, kind, sum(amount) from money_line where position <= ? group by currency, kind "
                        + "order by currency, kind",
                rs -> {
                    sums.computeIfAbsent(rs.getString(1), c -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getBigDecimal(3).toBigIntegerExact());
                },
                asOf);
        return sums;
    }

    /**
     * Per currency: the lowest balance of any artist (negative only through adjustments), exact at
     * any size.
     */
    public Map<String, BigInteger> lowestBalances(long asOf) {
        Map<String, BigInteger> lowest = new LinkedHashMap<>();
        jdbc.query(
                "select currency, min(balance) from (select currency, artist_id, sum(amount) as balance "
                        + "from money_line where position <= ? group by currency, artist_id) b group by currency "
                        + "order by currency",
                rs -> {
                    lowest.put(rs.getString(1), rs.getBigDecimal(2).toBigIntegerExact());
                },
                asOf);
        return lowest;
    }
}
